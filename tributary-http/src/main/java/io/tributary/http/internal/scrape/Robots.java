package io.tributary.http.internal.scrape;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules of one robots.txt (RFC 9309) for one crawler. The groups naming the crawler's product
 * token (case-insensitively) apply, else the {@code *} groups; among their {@code allow} and {@code
 * disallow} rules the longest matching pattern wins, an {@code allow} winning a tie; {@code *}
 * matches any characters and a final {@code $} anchors the end. {@code /robots.txt} itself is
 * always allowed. Immutable.
 */
final class Robots {
  /** RFC 9309 lets a crawler stop parsing after 500 KiB. */
  static final int MAX_BYTES = 500 * 1024;

  private record Rule(boolean allow, String pattern, Pattern regex) {}

  private final List<Rule> rules;
  private final String refusal;

  private Robots(List<Rule> rules, String refusal) {
    this.rules = List.copyOf(rules);
    this.refusal = refusal;
  }

  /** No robots.txt (a 4xx answer): everything is allowed. */
  static Robots allowAll() {
    return new Robots(List.of(), null);
  }

  /** robots.txt could not be fetched (5xx, network): RFC 9309 says to crawl nothing. */
  static Robots disallowAll(String why) {
    return new Robots(List.of(), why);
  }

  /** Parses a robots.txt for the crawler whose product token is {@code agent}. */
  static Robots parse(String text, String agent) {
    String token = agent.toLowerCase(Locale.ROOT);
    List<List<String>> groupAgents = new ArrayList<>();
    List<List<Rule>> groupRules = new ArrayList<>();
    boolean inAgentLines = false;
    for (String raw : text.split("\r\n|\r|\n")) {
      int hash = raw.indexOf('#');
      String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      switch (key) {
        case "user-agent" -> {
          if (!inAgentLines) {
            groupAgents.add(new ArrayList<>());
            groupRules.add(new ArrayList<>());
          }
          groupAgents.get(groupAgents.size() - 1).add(value.toLowerCase(Locale.ROOT));
          inAgentLines = true;
        }
        case "allow", "disallow" -> {
          inAgentLines = false;
          if (groupRules.isEmpty() || value.isEmpty()) {
            continue; // a rule before any user-agent line, or "Disallow:" (allows everything)
          }
          groupRules.get(groupRules.size() - 1).add(rule(key.equals("allow"), value));
        }
        default -> {
          // sitemap, crawl-delay and unknown records neither start nor end a group
        }
      }
    }
    List<Rule> mine = collect(groupAgents, groupRules, token);
    if (mine == null) {
      mine = collect(groupAgents, groupRules, "*");
    }
    return new Robots(mine == null ? List.of() : mine, null);
  }

  private static List<Rule> collect(
      List<List<String>> agents, List<List<Rule>> rules, String token) {
    List<Rule> out = null;
    for (int i = 0; i < agents.size(); i++) {
      if (agents.get(i).contains(token)) {
        if (out == null) {
          out = new ArrayList<>();
        }
        out.addAll(rules.get(i));
      }
    }
    return out;
  }

  private static Rule rule(boolean allow, String pattern) {
    StringBuilder re = new StringBuilder();
    boolean anchored = pattern.endsWith("$");
    String body = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
    String[] parts = body.split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        re.append(".*");
      }
      if (!parts[i].isEmpty()) {
        re.append(Pattern.quote(parts[i]));
      }
    }
    if (anchored) {
      re.append('$');
    }
    return new Rule(allow, pattern, Pattern.compile(re.toString(), Pattern.DOTALL));
  }

  /** Whether the crawler may fetch {@code uri}. */
  boolean allows(URI uri) {
    return why(uri) == null;
  }

  /** Why {@code uri} may not be fetched, or {@code null} when it may. */
  String why(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (path.equals("/robots.txt")) {
      return null;
    }
    if (refusal != null) {
      return refusal;
    }
    String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    Rule best = null;
    for (Rule r : rules) {
      if (r.regex().matcher(target).lookingAt()) {
        if (best == null
            || r.pattern().length() > best.pattern().length()
            || (r.pattern().length() == best.pattern().length() && r.allow() && !best.allow())) {
          best = r;
        }
      }
    }
    return best == null || best.allow()
        ? null
        : "robots.txt disallows it ('" + best.pattern() + "')";
  }
}
