/** Baggage keys copied onto every span: our own namespace and the load-test marker. */
export const isPropagatedBaggageKey = (key: string): boolean => key === 'synthetic' || key.startsWith('shop.');
