export {
  FakeServer,
  jsonBody,
  type Handler,
  type Route,
  type RouteContext,
  type RouteResult,
  type SeenRequest,
} from "./server";
