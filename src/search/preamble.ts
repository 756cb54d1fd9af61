/**
 * "Answer, not preamble": sentences about the text itself — "This article has illustrated
 * …", "This section will now analyze …", "For this section, I will examine …", "as
 * discussed earlier" — announce an answer without giving it. Recognised by their shape (the
 * document or the author as the subject of a verb of writing), never by their words of
 * topic, so a paragraph that only signposts does not lead when another states the fact.
 */
const SELF = String.raw`(?:this|the present|our|the following|the next|the previous|this next)\s+(?:article|paper|section|chapter|study|essay|piece|analysis|part|work)`;
const WRITING_VERBS = String.raw`(?:will|shall|would|has|have|had|is|was|then|now|also|first|thus|further|here)?\s*(?:now\s+)?(?:analy[sz]e|analy[sz]es|analy[sz]ed|examine|examines|examined|discuss|discusses|discussed|illustrate|illustrates|illustrated|show|shows|shown|argue|argues|argued|assess|assesses|assessed|provide|provides|provided|look|looks|take|takes|present|presents|presented|explore|explores|explored|address|addresses|consider|considers|review|reviews|outline|outlines|describe|describes|conduct|conducts|seek|seeks|aim|aims|begin|begins|proceed|proceeds|turn|turns|focus|focuses)`;

const PREAMBLE = new RegExp(
  [
    String.raw`^\s*(?:in\s+)?${SELF}\b[^.]{0,40}?\b${WRITING_VERBS}\b`,
    String.raw`^\s*(?:for|in)\s+this\s+(?:section|chapter|part),?\s+(?:i|we)\s+(?:will|shall|now)\b`,
    String.raw`^\s*(?:i|we)\s+(?:will|shall)\s+(?:now\s+)?(?:examine|analy[sz]e|discuss|argue|show|assess|look|turn|consider|explore|begin)\b`,
    String.raw`\b${SELF}\s+(?:will\s+)?now\s+(?:analy[sz]e|examine|discuss|turn|look)\b`,
    // A study's aim, not its result: "We sought to determine whether …", "The aim of this study was …".
    String.raw`^\s*(?:(?:background|objectives?|aims?|purpose)\s*:\s*)?(?:we|i)\s+(?:sought|aimed|set\s+out|wanted|intended)\s+to\s+(?:determine|examine|investigate|assess|explore|evaluate|test|understand|identify|establish|describe|compare|analy[sz]e)\b`,
    String.raw`^\s*(?:the\s+)?(?:aims?|objectives?|purpose|goal)\s+of\s+(?:this|the\s+present|our|the\s+current)\s+(?:study|paper|article|work|research|review)\s+(?:is|was|were|are)\b`,
    String.raw`^\s*${SELF}\s+(?:aimed|sought|set\s+out)\s+to\b`,
  ].join('|'),
  'i',
);

/** "This article argues that …" states its finding: a claim, not a signpost. */
const STATES_A_FINDING = /\b(?:argues?|argued|shows?|showed|shown|illustrates?|illustrated|demonstrates?|demonstrated|finds?|found|concludes?|concluded)\s+(?:that|how)\b/i;

export function isPreamble(sentence: string): boolean {
  return PREAMBLE.test(sentence) && !STATES_A_FINDING.test(sentence);
}

/**
 * A sentence that asks ("Can you speak to the importance of the timing and the venue?", a
 * reporter in a press call; "What explains this current situation …?", an article's own
 * question) names what is asked without answering it, as a signpost does: it is the best
 * sentence only when nothing else is, and its passage ranks lower (rank.ts).
 */
export function isAskedQuestion(sentence: string): boolean {
  return /\?["'”’)\]]*\s*$/.test(sentence);
}
