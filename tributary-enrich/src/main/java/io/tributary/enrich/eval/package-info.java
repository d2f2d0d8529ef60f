/** Scoring enrichers against labelled JSON Lines: {@link io.tributary.enrich.eval.Evaluator}. */
package io.tributary.enrich.eval;
