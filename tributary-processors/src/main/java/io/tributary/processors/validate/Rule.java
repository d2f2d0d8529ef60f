package io.tributary.processors.validate;

import io.tributary.processors.validate.FieldRef.Lookup;
import io.tributary.spi.ProcessResult;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One simple rule on one field. Except {@code not_null} and {@code not_empty}, rules let an absent
 * or null value pass: combine them with {@code not_null} to require a value.
 *
 * <p>Immutable and thread-safe.
 */
sealed interface Rule {

  /** The rule's name as written in configuration. */
  String name();

  FieldRef field();

  /** The reason the value fails, or {@code null} when it passes. */
  String failure(Lookup value);

  /** Checks a record's payload; {@code null} when it passes. */
  default ProcessResult.Reject check(Map<String, Object> data) {
    String reason = failure(field().lookup(data));
    return reason == null ? null : new ProcessResult.Reject(name(), field().pointer(), reason);
  }

  /** The field must be present and not null. */
  record NotNull(FieldRef field) implements Rule {
    @Override
    public String name() {
      return "not_null";
    }

    @Override
    public String failure(Lookup v) {
      if (!v.present()) {
        return field.display() + " is missing";
      }
      return v.value() == null ? field.display() + " is null" : null;
    }
  }

  /**
   * The field must be present, not null, and not empty: a string with at least one character that
   * is not white space, a list or object with at least one element. Other values pass.
   */
  record NotEmpty(FieldRef field) implements Rule {
    @Override
    public String name() {
      return "not_empty";
    }

    @Override
    public String failure(Lookup v) {
      if (!v.present()) {
        return field.display() + " is missing";
      }
      Object value = v.value();
      if (value == null) {
        return field.display() + " is null";
      }
      if (value instanceof String s && s.isBlank()) {
        return field.display() + (s.isEmpty() ? " is empty" : " is only white space");
      }
      if (value instanceof List<?> l && l.isEmpty()) {
        return field.display() + " is an empty list";
      }
      if (value instanceof Map<?, ?> m && m.isEmpty()) {
        return field.display() + " is an empty object";
      }
      return null;
    }
  }

  /** A number between {@code min} and {@code max}, both inclusive; either may be absent. */
  record Range(FieldRef field, Number min, Number max) implements Rule {
    @Override
    public String name() {
      return "range";
    }

    @Override
    public String failure(Lookup v) {
      Object value = v.value();
      if (value == null) {
        return null;
      }
      if (!(value instanceof Number n)) {
        return String.format(
            "%s is %s, %s, not a number", field.display(), Values.show(value), Values.kind(value));
      }
      if (min != null && Values.compare(n, min) < 0) {
        return String.format(
            "%s is %s, below the minimum %s", field.display(), Values.show(n), Values.show(min));
      }
      if (max != null && Values.compare(n, max) > 0) {
        return String.format(
            "%s is %s, above the maximum %s", field.display(), Values.show(n), Values.show(max));
      }
      return null;
    }
  }

  /**
   * Text matching a regular expression (Java syntax). The pattern must match the whole value,
   * unless it starts with {@code ^} or ends with {@code $}: then it is taken as anchored by the
   * author and searched for ({@code ^abc} means "starts with abc"). Numbers and booleans are
   * matched as their text; objects and lists fail.
   */
  record Regex(FieldRef field, Pattern pattern, boolean search) implements Rule {

    static Regex of(FieldRef field, Pattern pattern) {
      String p = pattern.pattern();
      boolean anchored = p.startsWith("^") || (p.endsWith("$") && !p.endsWith("\\$"));
      return new Regex(field, pattern, anchored);
    }

    @Override
    public String name() {
      return "regex";
    }

    @Override
    public String failure(Lookup v) {
      Object value = v.value();
      if (value == null) {
        return null;
      }
      if (value instanceof Map<?, ?> || value instanceof List<?>) {
        return String.format("%s is %s, not text", field.display(), Values.kind(value));
      }
      String text = value.toString();
      boolean ok = search ? pattern.matcher(text).find() : pattern.matcher(text).matches();
      return ok
          ? null
          : String.format(
              "%s is %s, which does not match the pattern %s",
              field.display(), Values.show(value), pattern.pattern());
    }
  }

  /**
   * One of a list of values. Numbers compare by value ({@code 1} equals {@code 1.0}), everything
   * else by equality.
   */
  record Allowed(FieldRef field, Set<Object> values, String shown) implements Rule {

    static Allowed of(FieldRef field, List<?> values) {
      Set<Object> set =
          values.stream().filter(Objects::nonNull).map(Allowed::normal).collect(Collectors.toSet());
      String shown = values.stream().map(Values::show).collect(Collectors.joining(", "));
      return new Allowed(field, Set.copyOf(set), shown);
    }

    private static Object normal(Object v) {
      if (v instanceof Number n) {
        BigDecimal d = Values.decimal(n);
        return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
      }
      return v;
    }

    @Override
    public String name() {
      return "allowed";
    }

    @Override
    public String failure(Lookup v) {
      Object value = v.value();
      if (value == null || values.contains(normal(value))) {
        return null;
      }
      return String.format("%s is %s, not one of: %s", field.display(), Values.show(value), shown);
    }
  }

  /**
   * A time that is not later than now plus a tolerance (clock skew between the source and us).
   * Numbers are epoch seconds, or epoch milliseconds above 10^11 (10^11 seconds lie in the year
   * 5138); text is an ISO-8601 instant, offset date-time, local date-time (taken as UTC) or date.
   * Text that is none of these fails: a time field that cannot be read is not plausible either.
   */
  record NotInFuture(FieldRef field, Clock clock, Duration tolerance) implements Rule {
    static final double MILLIS_ABOVE = 1e11;

    @Override
    public String name() {
      return "not_in_future";
    }

    @Override
    public String failure(Lookup v) {
      Object value = v.value();
      if (value == null) {
        return null;
      }
      Instant t = instant(value);
      if (t == null) {
        return String.format(
            "%s is %s, %s, not a time (epoch seconds or ISO-8601)",
            field.display(), Values.show(value), Values.kind(value));
      }
      Instant latest = clock.instant().plus(tolerance);
      return t.isAfter(latest)
          ? String.format(
              "%s is %s (%s), later than now (%s) by more than %s",
              field.display(), Values.show(value), t, clock.instant(), tolerance)
          : null;
    }

    static Instant instant(Object value) {
      if (value instanceof Number n) {
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
          return null;
        }
        return Math.abs(d) > MILLIS_ABOVE
            ? Instant.ofEpochMilli((long) d)
            : Instant.ofEpochSecond((long) Math.floor(d), (long) ((d - Math.floor(d)) * 1e9));
      }
      if (!(value instanceof String s)) {
        return null;
      }
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        // try the next form
      }
      try {
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        // try the next form
      }
      try {
        return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }

  /**
   * A rule that applies only to records whose fields have the given values ({@code when:
   * {parameter: pm25}}): per-parameter plausibility ranges in one stream of mixed measurements. A
   * record without the condition's field does not match, so the rule lets it pass.
   */
  record When(Rule rule, Map<FieldRef, Allowed> conditions) implements Rule {
    @Override
    public String name() {
      return rule.name();
    }

    @Override
    public FieldRef field() {
      return rule.field();
    }

    @Override
    public String failure(Lookup value) {
      return rule.failure(value);
    }

    @Override
    public ProcessResult.Reject check(Map<String, Object> data) {
      for (Map.Entry<FieldRef, Allowed> c : conditions.entrySet()) {
        Lookup v = c.getKey().lookup(data);
        if (!v.present() || v.value() == null || c.getValue().failure(v) != null) {
          return null;
        }
      }
      return rule.check(data);
    }
  }
}
