// natural ships types per folder only; these are the two files we import directly
// (importing the package root would load ~1,270 modules).
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: string[];
}
declare module 'natural/lib/natural/distance/jaro-winkler_distance.js' {
  const JaroWinklerDistance: (a: string, b: string, options?: { ignoreCase?: boolean }) => number;
  export default JaroWinklerDistance;
}
