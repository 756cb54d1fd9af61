/**
 * A one-paragraph document that only it answers ("Who opened the Khovd nomad reading
 * library?"), in the corpus format: what the reload specs add to and remove from a corpus.
 */
export const NOTE = {
  id: 'zorig-1999',
  file: 'zorig-1999.txt',
  authors: ['Field Notes Collective'],
  title: 'A Library on the Steppe',
  venue: 'Test Press',
  year: 1999,
};
export const NOTE_TEXT = 'A Library on the Steppe\n\nThe Zorig Foundation opened the Khovd nomad reading library in 1999, lending books by camel caravan to herders.\n';
