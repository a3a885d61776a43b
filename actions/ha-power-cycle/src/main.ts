import { readInputs, runAction } from "@hil/actions-kit";
import { ConfigurationError } from "@hil/contracts";
import { ACTION, inputs } from "./inputs";

await runAction(async () => {
  readInputs(inputs, ACTION, ["ha-token"]);
  throw new ConfigurationError(`${ACTION} is not implemented in this version of hil-actions.`, {
    hint: "Pin a release that ships it (see the README's release notes).",
  });
});
