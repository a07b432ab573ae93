// The online channels by their codes, as the shop names them.
export const kChannelNames = {
  shopify: 'Shopify', woocommerce: 'WooCommerce', ebay: 'eBay', amazon: 'Amazon',
};

// Where an order came from, for people: "Shopify", or a store's till sales as "Store S01".
export function channelName(channel) {
  if (kChannelNames[channel]) return kChannelNames[channel];
  return channel.startsWith('store:') ? `Store ${channel.slice('store:'.length)}` : channel;
}

// Money arrives in minor units (integers) and is written without floating point.
const kSymbols = { GBP: '£', EUR: '€', USD: '$' };
const kDigits = { JPY: 0, KRW: 0, BHD: 3, KWD: 3 };

// The whole and the decimal part of |minor| as digits, split by the currency's decimals.
function split(minor, currency) {
  const digits = kDigits[currency] ?? 2;
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return [text.slice(0, text.length - digits), digits > 0 ? text.slice(text.length - digits) : ''];
}

export function money(minor, currency) {
  const [digits, part] = split(minor, currency);
  const whole = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const decimals = part ? '.' + part : '';
  const symbol = kSymbols[currency];
  const amount = symbol ? symbol + whole + decimals : `${whole}${decimals} ${currency}`;
  return minor < 0 ? '−' + amount : amount;
}

// An amount as people type it and the API takes it ("4.50", "1200" in JPY): no symbol, no
// grouping; the field a price is edited in starts from this.
export function decimal(minor, currency) {
  const [whole, part] = split(minor, currency);
  return (minor < 0 ? '-' : '') + whole + (part ? '.' + part : '');
}

// A time as the shop reads it (the browser's zone), and UTC for the title on hover.
export function localTime(iso) {
  if (!iso) return '';
  const at = new Date(iso);
  return at.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export function utcTime(iso) {
  return iso ? new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : '';
}

// A DOM element with attributes and children (strings become text, never HTML).
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// A quantity from milli-units: "12" for whole units, "0.250" for a part (weighed goods), written
// from the integer without floating point.
export function quantity(milli) {
  const negative = milli < 0;
  const text = String(Math.abs(milli)).padStart(4, '0');
  const whole = text.slice(0, -3);
  const part = text.slice(-3);
  return (negative ? '−' : '') + (part === '000' ? whole : `${whole}.${part}`);
}
