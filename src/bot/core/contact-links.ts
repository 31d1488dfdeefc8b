/** A dialable or writable address: a phone keeps only its digits and the leading +, an e-mail is encoded. */
export function contactHref(link: 'tel' | 'mailto', value: string): string {
  return link === 'tel' ? `tel:${value.replace(/[^\d+]/g, '')}` : `mailto:${encodeURIComponent(value).replace(/%40/g, '@')}`;
}
