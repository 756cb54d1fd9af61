/** Discord's message limits (https://discord.com/developers/docs/resources/message). */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** Sum of all embed text in one message. */
  embedTotal: 6000,
  embeds: 10,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectLabel: 100,
  selectValue: 100,
  selectDescription: 100,
  selectPlaceholder: 150,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  actionRows: 5,
  buttonsPerRow: 5,
  /** Thread names: 1–100 characters. */
  threadName: 100,
  /** An interaction must be answered (or deferred) within this many milliseconds. */
  interactionDeadlineMs: 3000,
} as const;
