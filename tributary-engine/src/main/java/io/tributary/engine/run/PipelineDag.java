package io.tributary.engine.run;

import io.tributary.engine.config.PipelineConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Orders a set of pipelines so that each comes after the pipelines its {@code after:} names, for
 * running a DAG of pipelines once (the scheduler does the same on its own clock).
 *
 * <p>Only dependencies inside the set order anything: an upstream that is not in the set is an
 * outside dependency, listed by {@link #outside()} and not waited for. Among pipelines that do not
 * depend on each other the order is by name, so a run is reproducible.
 */
public final class PipelineDag {
  private final List<PipelineConfig> order;
  private final Map<String, List<String>> outside;

  private PipelineDag(List<PipelineConfig> order, Map<String, List<String>> outside) {
    this.order = order;
    this.outside = outside;
  }

  /**
   * Orders {@code pipelines}.
   *
   * @throws IllegalArgumentException when two pipelines share a name or the dependencies form a
   *     cycle; the message names the pipelines involved
   */
  public static PipelineDag of(List<PipelineConfig> pipelines) {
    Map<String, PipelineConfig> byName = new LinkedHashMap<>();
    for (PipelineConfig p : pipelines) {
      PipelineConfig earlier = byName.put(p.name(), p);
      if (earlier != null) {
        throw new IllegalArgumentException(
            String.format(
                "two pipeline files are both named '%s': %s and %s; pipeline names must be unique",
                p.name(), earlier.file(), p.file()));
      }
    }
    Map<String, List<String>> outside = new LinkedHashMap<>();
    for (PipelineConfig p : pipelines) {
      List<String> missing = p.after().stream().filter(u -> !byName.containsKey(u)).toList();
      if (!missing.isEmpty()) {
        outside.put(p.name(), missing);
      }
    }
    // Kahn's algorithm, always taking the smallest ready name
    Map<String, Integer> waitingFor = new LinkedHashMap<>();
    Map<String, List<String>> downstream = new LinkedHashMap<>();
    for (PipelineConfig p : pipelines) {
      Set<String> ups = new LinkedHashSet<>(p.after());
      ups.retainAll(byName.keySet());
      waitingFor.put(p.name(), ups.size());
      for (String u : ups) {
        downstream.computeIfAbsent(u, k -> new ArrayList<>()).add(p.name());
      }
    }
    TreeSet<String> ready = new TreeSet<>(Comparator.naturalOrder());
    waitingFor.forEach(
        (n, w) -> {
          if (w == 0) {
            ready.add(n);
          }
        });
    List<PipelineConfig> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      String n = ready.pollFirst();
      order.add(byName.get(n));
      for (String d : downstream.getOrDefault(n, List.of())) {
        if (waitingFor.merge(d, -1, Integer::sum) == 0) {
          ready.add(d);
        }
      }
    }
    if (order.size() < pipelines.size()) {
      List<String> stuck =
          waitingFor.entrySet().stream()
              .filter(e -> e.getValue() > 0)
              .map(Map.Entry::getKey)
              .sorted()
              .toList();
      throw new IllegalArgumentException(
          "the pipelines' 'after:' dependencies form a cycle among: " + String.join(", ", stuck));
    }
    return new PipelineDag(List.copyOf(order), Map.copyOf(outside));
  }

  /** The pipelines, each after every upstream of it in the set. */
  public List<PipelineConfig> order() {
    return order;
  }

  /** Per pipeline, the upstreams it names that are not in the set (not waited for). */
  public Map<String, List<String>> outside() {
    return outside;
  }

  /**
   * The upstreams of {@code p} inside the set, transitively: if any of them did not succeed, {@code
   * p} must not run.
   */
  public Set<String> upstreamsOf(PipelineConfig p) {
    Map<String, PipelineConfig> byName = new LinkedHashMap<>();
    order.forEach(x -> byName.put(x.name(), x));
    Set<String> seen = new LinkedHashSet<>();
    List<String> todo = new ArrayList<>(p.after());
    while (!todo.isEmpty()) {
      String u = todo.remove(todo.size() - 1);
      PipelineConfig up = byName.get(u);
      if (up != null && seen.add(u)) {
        todo.addAll(up.after());
      }
    }
    return seen;
  }
}
