import { IpemuError } from '../../core/errors';
import { isPlainObject } from '../../core/plain-object';
import type { PlatformWriter } from '../writes/changes';

export interface Quote {
  readonly Id: string;
  readonly Name: string;
}

/** A root product of a quote: one line without a parent line. */
export interface RootProduct {
  readonly lineId: string;
  readonly productId: string;
  readonly name: string;
  readonly code: string | null;
}

/** The quote, or NOT_FOUND naming it. */
export function quoteOrThrow(platform: PlatformWriter, quoteId: string): Quote {
  const quote = platform.query('SELECT Id, Name FROM Quote WHERE Id = :quoteId', { quoteId }).records[0];
  if (!quote) throw new IpemuError('NOT_FOUND', `No quote found with quoteId ${quoteId}.`);
  return quote as unknown as Quote;
}

/** (ipemu) The quote's root products, in line order: lines without ParentQuoteLineItemId; none is INVALID_INPUT. */
export function rootProductsOrThrow(platform: PlatformWriter, quote: Quote): RootProduct[] {
  const lines = platform.query(
    'SELECT Id, Product2Id, Product2.Name, Product2.ProductCode FROM QuoteLineItem WHERE QuoteId = :quoteId AND ParentQuoteLineItemId = null ORDER BY LineNumber, Id',
    { quoteId: quote.Id },
  ).records;
  if (lines.length === 0)
    throw new IpemuError('INVALID_INPUT', `Quote ${quote.Id} has no root product (a line without ParentQuoteLineItemId) to issue a multi-root policy for.`);
  return lines.map((line) => {
    const product = isPlainObject(line.Product2) ? line.Product2 : {};
    return {
      lineId: line.Id as string,
      productId: line.Product2Id as string,
      name: typeof product.Name === 'string' ? product.Name : '',
      code: typeof product.ProductCode === 'string' ? product.ProductCode : null,
    };
  });
}
