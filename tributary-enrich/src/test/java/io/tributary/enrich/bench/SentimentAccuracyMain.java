package io.tributary.enrich.bench;

import io.tributary.enrich.eval.EvaluationResult;
import io.tributary.enrich.eval.Evaluator;
import java.io.StringReader;
import java.util.List;

/**
 * Prints VADER's accuracy on the UCI "Sentiment Labelled Sentences" (Amazon, IMDb, Yelp; 1,000
 * sentences each, positive/negative), through the same {@link Evaluator} users run.
 */
public final class SentimentAccuracyMain {
  private SentimentAccuracyMain() {}

  public static void main(String[] args) throws Exception {
    Evaluator evaluator = new Evaluator();
    for (String set : List.of("amazon", "imdb", "yelp")) {
      EvaluationResult r =
          evaluator.evaluate(Evaluator.Task.SENTIMENT, new StringReader(EvalData.uciJsonl(set)));
      System.out.println("== UCI " + set);
      System.out.print(r.format());
      System.out.println();
    }
  }
}
