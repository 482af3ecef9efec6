/** The seeded catalogue (stable SKUs, documented in docs/api.md). */
export interface CatalogueEntry {
  sku: string;
  name: string;
  priceCents: number;
  stock: number;
}

/** Plenty of stock, so a long load run does not become a wall of 409s. */
const PLENTY = 1_000_000;

export const CATALOGUE: readonly CatalogueEntry[] = [
  { sku: 'TL-MUG', name: 'Trace mug', priceCents: 1200, stock: PLENTY },
  { sku: 'TL-TEE', name: 'Span t-shirt', priceCents: 2500, stock: PLENTY },
  { sku: 'TL-HOODIE', name: 'Baggage hoodie', priceCents: 5500, stock: PLENTY },
  { sku: 'TL-STICKERS', name: 'Sticker pack', priceCents: 400, stock: PLENTY },
  { sku: 'TL-CAP', name: 'Sampler cap', priceCents: 1800, stock: PLENTY },
  { sku: 'TL-BOOK', name: 'Field guide to tracing', priceCents: 3900, stock: PLENTY },
  { sku: 'TL-SOCKS', name: 'Parent-child socks', priceCents: 900, stock: PLENTY },
  // Deliberately scarce: ordering more than 2 is always a clean 409 out-of-stock.
  { sku: 'TL-LIMITED', name: 'Limited edition collector pin', priceCents: 9900, stock: 2 },
];
