/**
 * Pronounceable words no corpus has, new on every call (caches must not hide the cost of
 * unknown words), from a seeded generator so a run is repeatable.
 */
export function nonsenseWords(seed: number): (length: number) => string {
  let state = seed;
  const next = () => (state = (state * 16807) % 2147483647) / 2147483647;
  return (length) => {
    let out = '';
    while (out.length < length) {
      let w = '';
      for (let i = 0; i < 8; i++) w += i % 2 ? 'aeiou'[Math.floor(next() * 5)] : 'bcdfghjklmnpqrstvwz'[Math.floor(next() * 19)];
      out += `${w} `;
    }
    return out.slice(0, length).trim();
  };
}
