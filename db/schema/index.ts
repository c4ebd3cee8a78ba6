// Re-exports every domain's tables; nothing is defined here.
export * from "./users";
export * from "./sessions";
export * from "./rate-limits";
export * from "./sms";
export * from "./catalogue";
export * from "./parents";
export * from "./carers";
export * from "./visit-requests";
export * from "./form-submissions";
export * from "./chat";
export * from "./visits";
export * from "./ratings";
export * from "./account";
export * from "./admin";
export * from "./jobs";
