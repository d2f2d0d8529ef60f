package io.tributary.engine.config;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Syntax checks for the {@code schedule} section. Each check returns {@code null} when the value is
 * fine, else a message saying what to write. The scheduler parses the values; these checks only
 * make sure a typo is reported when the file is loaded rather than when the schedule first fires.
 */
final class ScheduleSyntax {
  static final Pattern EVERY = Pattern.compile("([0-9]+)(s|m|h|d)");

  private record Field(String name, int min, int max, List<String> names, boolean day) {}

  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  private static final Field SECOND = new Field("second", 0, 59, List.of(), false);
  private static final List<Field> FIVE =
      List.of(
          new Field("minute", 0, 59, List.of(), false),
          new Field("hour", 0, 23, List.of(), false),
          new Field("day of month", 1, 31, List.of(), true),
          new Field("month", 1, 12, MONTHS, false),
          new Field("day of week", 0, 7, DAYS, true));

  private static final Pattern RANGE_STEP =
      Pattern.compile("(\\*|[0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)(?:/([0-9]+))?");
  private static final Pattern DAY_OF_MONTH_SPECIAL = Pattern.compile("L(-[0-9]+)?|LW|[0-9]+W");
  private static final Pattern DAY_OF_WEEK_SPECIAL =
      Pattern.compile("([0-7]|[A-Za-z]{3})(L|#[1-5])");

  private static final String CRON_FORMAT =
      "write 5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first,"
          + " e.g. \"0 */6 * * *\"";

  private ScheduleSyntax() {}

  static String cron(Object value) {
    String[] parts = value.toString().trim().split("\\s+");
    if (parts.length != 5 && parts.length != 6) {
      return "a cron expression has 5 or 6 fields but this one has "
          + parts.length
          + "; "
          + CRON_FORMAT;
    }
    int offset = parts.length - 5;
    for (int i = 0; i < parts.length; i++) {
      Field f = i < offset ? SECOND : FIVE.get(i - offset);
      String error = field(parts[i], f, i - offset == 2);
      if (error != null) {
        return "cron field " + (i + 1) + " (" + f.name() + ") " + error + "; " + CRON_FORMAT;
      }
    }
    return null;
  }

  private static String field(String text, Field f, boolean dayOfMonth) {
    if (f.day() && text.equals("?")) {
      return null;
    }
    for (String part : text.split(",", -1)) {
      if (part.isEmpty()) {
        return "'" + text + "' has an empty list entry";
      }
      if (f.day()
          && (dayOfMonth
              ? DAY_OF_MONTH_SPECIAL.matcher(part).matches()
              : DAY_OF_WEEK_SPECIAL.matcher(part).matches())) {
        continue;
      }
      Matcher m = RANGE_STEP.matcher(part);
      if (!m.matches()) {
        return "'" + part + "' is not a value, range (a-b), list (a,b) or step (*/n)";
      }
      String range = m.group(1);
      if (m.group(2) != null && Integer.parseInt(m.group(2)) == 0) {
        return "'" + part + "' has a step of 0";
      }
      if (range.equals("*")) {
        continue;
      }
      String[] ends = range.split("-");
      int low = -1;
      for (String end : ends) {
        int v = number(end, f);
        if (v < 0) {
          return "'"
              + end
              + "' is not a valid value; use "
              + f.min()
              + "-"
              + f.max()
              + (f.names().isEmpty()
                  ? ""
                  : " or " + f.names().getFirst() + "-" + f.names().getLast());
        }
        if (v < f.min() || v > f.max()) {
          return "'" + end + "' is out of range " + f.min() + "-" + f.max();
        }
        if (low > v) {
          return "'" + range + "' is a range whose start is after its end";
        }
        low = v;
      }
    }
    return null;
  }

  /** The field value of {@code text}, or -1 when it is neither a number nor a known name. */
  private static int number(String text, Field f) {
    if (text.chars().allMatch(Character::isDigit)) {
      return text.length() > 4 ? Integer.MAX_VALUE : Integer.parseInt(text);
    }
    int i = f.names().indexOf(text.toUpperCase(Locale.ROOT));
    if (i < 0) {
      return -1;
    }
    return f.names() == MONTHS ? i + 1 : i;
  }

  static String every(Object value) {
    Matcher m = EVERY.matcher(value.toString());
    if (!m.matches()) {
      return "'every' is a number followed by s, m, h or d, e.g. 30s, 15m, 6h, 1d";
    }
    String digits = m.group(1);
    if (digits.length() > 9 || Long.parseLong(digits) == 0) {
      return "'every' must be at least 1 and at most 999999999 units, e.g. 30s, 15m, 6h, 1d";
    }
    return null;
  }

  static String at(Object value) {
    try {
      OffsetDateTime.parse(value.toString());
      return null;
    } catch (DateTimeParseException e) {
      return "'at' is an ISO-8601 date and time with an offset, e.g. 2026-12-01T06:00:00Z";
    }
  }

  static String timezone(Object value) {
    String text = value.toString();
    try {
      ZoneId.of(text);
      return null;
    } catch (DateTimeException e) {
      Set<String> zones = ZoneId.getAvailableZoneIds();
      return "unknown time zone '"
          + text
          + "'"
          + Suggestions.didYouMean(text, new java.util.TreeSet<>(zones))
          + "; use an IANA zone name such as UTC or Europe/Berlin";
    }
  }
}
