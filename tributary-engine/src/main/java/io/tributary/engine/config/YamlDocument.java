package io.tributary.engine.config;

import io.tributary.engine.config.Problems.Pos;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * One YAML document turned into plain Java values ({@code Map} in written order, {@code List},
 * {@code String}, {@code Long}, {@code BigInteger} beyond the long range, {@code Double}, {@code
 * Boolean}, {@code null}) with the position of every value and every key, by path ({@code
 * source.config.format}, {@code process[1].rules[0].min}).
 *
 * <p>Plain scalars are typed by the YAML 1.2 core schema: {@code true}/{@code false}, {@code null}
 * and {@code ~}, decimal/{@code 0o}/{@code 0x} integers, floats with {@code .inf} and {@code .nan};
 * everything else (dates, {@code yes}/{@code no}, {@code on}/{@code off}) stays a string. Quoted
 * scalars are strings. String scalars are interpolated ({@link Interpolator}); a plain scalar is
 * typed after interpolation, so {@code batch_size: ${BATCH:-500}} is the integer 500. Anchors,
 * aliases and {@code <<} merge keys work; aliases may expand to at most {@value #MAX_VALUES} values
 * in total, which stops "billion laughs" documents. Duplicate keys are problems.
 */
final class YamlDocument {
  static final int MAX_VALUES = 100_000;
  static final int MAX_ALIASES = 1_000;

  /** Marks a plain scalar whose tag was not written, so it is typed here after interpolation. */
  private static final Tag PLAIN = new Tag("tag:tributary.io,2025:plain");

  private static final Pattern CORE_NULL = Pattern.compile("~|null|Null|NULL|");
  private static final Pattern CORE_BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
  private static final Pattern CORE_DECIMAL = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern CORE_OCTAL = Pattern.compile("0o[0-7]+");
  private static final Pattern CORE_HEX = Pattern.compile("0x[0-9a-fA-F]+");
  private static final Pattern CORE_FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern CORE_INF = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
  private static final Pattern CORE_NAN = Pattern.compile("\\.(nan|NaN|NAN)");
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private final String file;
  private final Interpolator interpolator;
  private final Problems problems;
  private final Map<String, Pos> valuePos = new HashMap<>();
  private final Map<String, Pos> keyPos = new HashMap<>();
  private final Map<String, String> scalarText = new HashMap<>();
  private final Map<String, List<String>> variables = new HashMap<>();
  private final Map<String, String> interpolated = new HashMap<>();
  private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
  private Object root;
  private boolean failed;
  private int values;

  private YamlDocument(String file, Interpolator interpolator, Problems problems) {
    this.file = file;
    this.interpolator = interpolator;
    this.problems = problems;
  }

  /** Thrown inside the conversion when the alias expansion budget is spent. */
  private static final class TooLarge extends RuntimeException {
    TooLarge() {
      super(null, null, false, false);
    }
  }

  /**
   * Parses {@code text}; problems go to {@code problems}, located in {@code file}. The result's
   * {@link #root()} is {@code null} when the text is empty or could not be parsed.
   */
  static YamlDocument parse(
      String text, String file, Interpolator interpolator, Problems problems) {
    YamlDocument doc = new YamlDocument(file, interpolator, problems);
    Node node;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setMaxAliasesForCollections(MAX_ALIASES);
      options.setAllowRecursiveKeys(false);
      options.setAllowDuplicateKeys(false);
      Composer composer =
          new Composer(
              new ParserImpl(new StreamReader(new StringReader(text)), options),
              new CoreResolver(),
              options);
      node = composer.getSingleNode();
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String what = e.getProblem() == null ? "invalid YAML" : e.getProblem();
      String context = e.getContext() == null ? "" : " " + e.getContext();
      Pos at = mark == null ? Pos.START : pos(mark);
      String fix =
          "fix the YAML here (check indentation, quoting and that ':' is followed by a space)";
      if (mark != null && referenceInFlow(text, mark, e.getContext())) {
        at = new Pos(at.line(), at.column() - 1);
        fix =
            "inside [ ] or { } a ${VAR} reference must be quoted, e.g. [\"${VAR}\"], or"
                + " written on its own line";
      }
      problems.add(file, at, null, null, "YAML syntax error: " + what + context + "; " + fix);
      doc.failed = true;
      return doc;
    } catch (YAMLException e) {
      problems.add(
          file,
          Pos.START,
          null,
          null,
          "the file cannot be read as YAML: "
              + e.getMessage()
              + "; simplify the file (fewer aliases, smaller size)");
      doc.failed = true;
      return doc;
    }
    if (node == null) {
      return doc;
    }
    try {
      doc.root = doc.convert(node, "");
    } catch (TooLarge e) {
      doc.root = null;
      doc.failed = true;
    }
    return doc;
  }

  /**
   * Whether the syntax error at {@code mark} is the '{' of an unquoted ${VAR} inside a flow
   * collection ({@code [a, ${X}]}), where YAML reads '{' as the start of a mapping.
   */
  private static boolean referenceInFlow(String text, Mark mark, String context) {
    if (context == null || !context.contains("flow")) {
      return false;
    }
    String[] lines = text.split("\r?\n", -1);
    if (mark.getLine() >= lines.length) {
      return false;
    }
    String line = lines[mark.getLine()];
    int column = mark.getColumn();
    if (column < 1 || column > line.codePointCount(0, line.length()) - 1) {
      return false;
    }
    int i = line.offsetByCodePoints(0, column);
    return line.charAt(i) == '{' && line.charAt(i - 1) == '$';
  }

  /** The document's value; {@code null} for an empty document or one that could not be parsed. */
  Object root() {
    return root;
  }

  /** Whether the text could not be turned into values (the problem has been reported). */
  boolean failed() {
    return failed;
  }

  /** The path of key {@code key} inside {@code parent}. */
  static String child(String parent, String key) {
    String segment =
        PLAIN_KEY.matcher(key).matches() ? key : "[\"" + key.replace("\"", "\\\"") + "\"]";
    if (parent.isEmpty()) {
      return segment;
    }
    return segment.startsWith("[") ? parent + segment : parent + "." + segment;
  }

  /** The path of item {@code index} inside {@code parent}. */
  static String item(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /** The parent of {@code path}; the empty string for top-level keys and for the root. */
  static String parent(String path) {
    if (path.endsWith("\"]")) {
      int i = path.lastIndexOf("[\"");
      return i <= 0 ? "" : path.substring(0, i);
    }
    if (path.endsWith("]")) {
      int i = path.lastIndexOf('[');
      return i <= 0 ? "" : path.substring(0, i);
    }
    int i = path.lastIndexOf('.');
    return i < 0 ? "" : path.substring(0, i);
  }

  /** Where the value at {@code path} is written, or where its nearest written ancestor is. */
  Pos valuePos(String path) {
    Pos p = valuePos.get(path);
    return p != null ? p : nearest(path);
  }

  /** Where the key of {@code path} is written, else the value's position, else an ancestor's. */
  Pos keyPos(String path) {
    Pos p = keyPos.get(path);
    if (p == null) {
      p = valuePos.get(path);
    }
    return p != null ? p : nearest(path);
  }

  /** Whether the key of {@code path} is written in the file. */
  boolean hasKey(String path) {
    return keyPos.containsKey(path);
  }

  private Pos nearest(String path) {
    String p = path;
    while (!p.isEmpty()) {
      p = parent(p);
      Pos found = keyPos.get(p);
      if (found == null) {
        found = valuePos.get(p);
      }
      if (found != null) {
        return found;
      }
    }
    Pos rootPos = valuePos.get("");
    return rootPos != null ? rootPos : Pos.START;
  }

  /**
   * The text of the scalar at {@code path} as written (after interpolation) when YAML typed it as
   * something other than a string (e.g. {@code 0123}, {@code true}), else {@code null}.
   */
  String scalarText(String path) {
    return scalarText.get(path);
  }

  /** The environment variables interpolated into the scalar at {@code path}. */
  List<String> variables(String path) {
    return variables.getOrDefault(path, List.of());
  }

  /** Every path whose scalar used environment variables, with the variables' names. */
  Map<String, List<String>> allVariables() {
    return Collections.unmodifiableMap(variables);
  }

  /** The text of the scalar at {@code path} after interpolation, if it used variables. */
  String interpolatedText(String path) {
    return interpolated.get(path);
  }

  private static Pos pos(Mark mark) {
    return new Pos(mark.getLine() + 1, mark.getColumn() + 1);
  }

  private void problem(Pos at, String path, String value, String message) {
    problems.add(file, at, path, value, message);
  }

  private Object convert(Node node, String path) {
    if (++values > MAX_VALUES) {
      problem(
          pos(node.getStartMark()),
          null,
          null,
          "aliases expand to more than "
              + MAX_VALUES
              + " values; use fewer nested aliases (is this a 'billion laughs' document?)");
      throw new TooLarge();
    }
    valuePos.putIfAbsent(path, pos(node.getStartMark()));
    if (node instanceof ScalarNode s) {
      return scalar(s, path);
    }
    if (!inProgress.add(node)) {
      problem(
          pos(node.getStartMark()),
          path,
          null,
          "this alias refers to a node that contains it; remove the recursive alias");
      return null;
    }
    try {
      if (node instanceof SequenceNode seq) {
        List<Object> list = new ArrayList<>(seq.getValue().size());
        List<Node> items = seq.getValue();
        for (int i = 0; i < items.size(); i++) {
          list.add(convert(items.get(i), item(path, i)));
        }
        return list;
      }
      return mapping((MappingNode) node, path);
    } finally {
      inProgress.remove(node);
    }
  }

  private Map<String, Object> mapping(MappingNode node, String path) {
    Map<String, Object> map = new LinkedHashMap<>();
    fill(node, path, map, true);
    return map;
  }

  /**
   * Adds the entries of {@code node} to {@code target}: its own keys first, then those of the
   * mappings it merges with {@code <<} that are not there yet. Duplicates among a mapping's own
   * keys are problems; keys a merge brings that are already present are silently overridden.
   */
  private void fill(MappingNode node, String path, Map<String, Object> target, boolean own) {
    Map<String, Pos> firstSeen = new HashMap<>();
    List<Node> merges = new ArrayList<>();
    for (NodeTuple t : node.getValue()) {
      Node keyNode = t.getKeyNode();
      if (!(keyNode instanceof ScalarNode k)) {
        if (own) {
          problem(
              pos(keyNode.getStartMark()),
              path,
              null,
              "keys must be plain strings, not lists or mappings; rewrite the key");
        }
        continue;
      }
      if (k.getTag().equals(Tag.MERGE)) {
        merges.add(t.getValueNode());
        continue;
      }
      String key = k.getValue();
      String childPath = child(path, key);
      Pos here = pos(k.getStartMark());
      if (own) {
        Pos first = firstSeen.putIfAbsent(key, here);
        if (first != null) {
          problem(
              here,
              childPath,
              null,
              "duplicate key '"
                  + key
                  + "' (first written at line "
                  + first.line()
                  + "); keep only one of them");
          continue;
        }
        keyPos.put(childPath, here);
      } else if (target.containsKey(key)) {
        continue;
      } else {
        keyPos.putIfAbsent(childPath, here);
      }
      target.put(key, convert(t.getValueNode(), childPath));
    }
    for (Node source : merges) {
      List<MappingNode> sources = new ArrayList<>();
      if (source instanceof MappingNode m) {
        sources.add(m);
      } else if (source instanceof SequenceNode seq
          && seq.getValue().stream().allMatch(n -> n instanceof MappingNode)) {
        seq.getValue().forEach(n -> sources.add((MappingNode) n));
      } else {
        problem(
            pos(source.getStartMark()),
            path,
            null,
            "'<<' merges a mapping or a list of mappings; point it at an anchored mapping (<<:"
                + " *defaults)");
        continue;
      }
      for (MappingNode m : sources) {
        if (!inProgress.add(m)) {
          problem(
              pos(m.getStartMark()),
              path,
              null,
              "this merge refers to a mapping that contains it; remove the recursive alias");
          continue;
        }
        try {
          fill(m, path, target, false);
        } finally {
          inProgress.remove(m);
        }
      }
    }
  }

  private Object scalar(ScalarNode s, String path) {
    Tag tag = s.getTag();
    String text = s.getValue();
    if (tag.equals(PLAIN) || tag.equals(Tag.MERGE)) {
      String value = interpolate(text, s, path);
      Object typed = core(value);
      if (!(typed instanceof String) && typed != null) {
        scalarText.put(path, value);
      }
      return typed;
    }
    if (tag.equals(Tag.STR)) {
      return interpolate(text, s, path);
    }
    if (tag.equals(Tag.NULL)
        || tag.equals(Tag.BOOL)
        || tag.equals(Tag.INT)
        || tag.equals(Tag.FLOAT)) {
      Object typed = core(text);
      boolean ok =
          switch (typed) {
            case null -> tag.equals(Tag.NULL);
            case Boolean b -> tag.equals(Tag.BOOL);
            case Long l -> tag.equals(Tag.INT) || tag.equals(Tag.FLOAT);
            case BigInteger b -> tag.equals(Tag.INT) || tag.equals(Tag.FLOAT);
            case Double d -> tag.equals(Tag.FLOAT);
            default -> false;
          };
      if (!ok) {
        problem(
            pos(s.getStartMark()),
            path,
            text,
            "the value does not match its tag " + tag + "; remove the tag or fix the value");
        return text;
      }
      if (tag.equals(Tag.FLOAT) && typed instanceof Number n) {
        typed = n.doubleValue();
      }
      scalarText.put(path, text);
      return typed;
    }
    if (tag.equals(Tag.TIMESTAMP)) {
      return text;
    }
    problem(
        pos(s.getStartMark()),
        path,
        null,
        "unsupported YAML tag '" + tag + "'; remove the tag (Tributary reads plain YAML values)");
    return text;
  }

  private String interpolate(String text, ScalarNode s, String path) {
    return switch (interpolator.apply(text)) {
      case Interpolator.Ok ok -> {
        if (!ok.variables().isEmpty()) {
          variables.put(path, ok.variables());
          interpolated.put(path, ok.value());
        }
        yield ok.value();
      }
      case Interpolator.Failed failed -> {
        for (String message : failed.messages()) {
          problem(pos(s.getStartMark()), path, text, message);
        }
        yield text;
      }
    };
  }

  /** Types a plain scalar by the YAML 1.2 core schema. */
  static Object core(String text) {
    if (CORE_NULL.matcher(text).matches()) {
      return null;
    }
    if (CORE_BOOL.matcher(text).matches()) {
      return Boolean.valueOf(text.toLowerCase(java.util.Locale.ROOT));
    }
    if (CORE_DECIMAL.matcher(text).matches()) {
      return integer(text.startsWith("+") ? text.substring(1) : text, 10);
    }
    if (CORE_OCTAL.matcher(text).matches()) {
      return integer(text.substring(2), 8);
    }
    if (CORE_HEX.matcher(text).matches()) {
      return integer(text.substring(2), 16);
    }
    if (CORE_FLOAT.matcher(text).matches()) {
      return Double.valueOf(text);
    }
    if (CORE_INF.matcher(text).matches()) {
      return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (CORE_NAN.matcher(text).matches()) {
      return Double.NaN;
    }
    return text;
  }

  private static Object integer(String digits, int radix) {
    BigInteger big = new BigInteger(digits, radix);
    return big.bitLength() < 64 ? (Object) big.longValue() : big;
  }

  /**
   * Resolves only {@code <<} (merge) and marks every other untagged plain scalar as {@link #PLAIN}.
   */
  private static final class CoreResolver extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.MERGE, Resolver.MERGE, "<", Integer.MAX_VALUE);
      addImplicitResolver(PLAIN, Pattern.compile("(?s).*"), null, Integer.MAX_VALUE);
    }
  }
}
