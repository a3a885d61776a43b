export { Journal, type JournalInput } from "./journal";
