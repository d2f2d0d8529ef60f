package io.tributary.app.cli;

import java.io.PrintWriter;
import java.util.List;

/** Prints aligned text tables for humans. */
final class Tables {
  private Tables() {}

  static void print(PrintWriter out, List<String> header, List<List<String>> rows) {
    int[] w = new int[header.size()];
    for (int i = 0; i < header.size(); i++) {
      w[i] = header.get(i).length();
    }
    for (List<String> r : rows) {
      for (int i = 0; i < r.size() && i < w.length; i++) {
        w[i] = Math.max(w[i], r.get(i) == null ? 4 : r.get(i).length());
      }
    }
    line(out, header, w);
    for (List<String> r : rows) {
      line(out, r, w);
    }
    out.flush();
  }

  private static void line(PrintWriter out, List<String> cells, int[] w) {
    StringBuilder sb = new StringBuilder("  ");
    for (int i = 0; i < w.length; i++) {
      String c = i < cells.size() && cells.get(i) != null ? cells.get(i) : "null";
      boolean numeric =
          !c.isEmpty() && c.chars().allMatch(ch -> Character.isDigit(ch) || ch == ',');
      if (numeric && i > 0) {
        sb.append(" ".repeat(w[i] - c.length())).append(c);
      } else {
        sb.append(c).append(" ".repeat(w[i] - c.length()));
      }
      sb.append("  ");
    }
    out.println(sb.toString().stripTrailing());
  }

  static String n(long v) {
    return String.format("%,d", v);
  }
}
