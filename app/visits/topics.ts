// The real-time topic of a visit's tracking stream: every visit event is announced on it.
export const visitTopic = (visitId: string) => `visit:${visitId}`;
