package io.tributary.enrich.entities;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds pattern entities in text: links, e-mail addresses, Ethereum and Bitcoin addresses,
 *
 * @mentions, #hashtags and $cashtags.
 *     <ul>
 *       <li>{@code url}: {@code http(s)://…} or {@code www.…}, without trailing punctuation (a
 *           closing bracket is kept when the link opened one);
 *       <li>{@code email}: {@code name@domain.tld};
 *       <li>{@code eth_address}: {@code 0x} and 40 hex digits (the EIP-55 mixed-case checksum is
 *           not verified);
 *       <li>{@code btc_address}: legacy/P2SH Base58Check addresses (checksum verified) and SegWit
 *           {@code bc1…} addresses (Bech32/Bech32m checksum verified);
 *       <li>{@code mention}: {@code @name} of 1–30 letters, digits or underscores, not part of an
 *           e-mail address;
 *       <li>{@code hashtag}: {@code #word} in any script, with at least one letter ({@code #1} is
 *           not a hashtag);
 *       <li>{@code cashtag}: {@code $TICKER}, a letter then up to 9 letters or digits, optionally a
 *           class suffix ({@code $BRK.B}); amounts such as {@code $100} are not cashtags.
 *     </ul>
 *     <p>Where matches overlap the earlier type in the list above wins, so a {@code #fragment}
 *     inside a link is not reported as a hashtag. Results are ordered by position.
 *     <p>Threading: stateless and immutable; safe for concurrent use.
 */
public final class EntityExtractor {

  /** The entity types, in order of precedence. */
  public static final List<String> TYPES =
      List.of("url", "email", "eth_address", "btc_address", "mention", "hashtag", "cashtag");

  private static final Pattern URL =
      Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"'`{}|\\\\^]+");
  private static final Pattern EMAIL =
      Pattern.compile(
          "(?<![\\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b");
  private static final Pattern ETH =
      Pattern.compile("(?<![0-9A-Za-z])0x[0-9a-fA-F]{40}(?![0-9A-Za-z])");
  private static final Pattern BTC_BASE58 =
      Pattern.compile("(?<![0-9A-Za-z])[13][1-9A-HJ-NP-Za-km-z]{25,34}(?![0-9A-Za-z])");
  private static final Pattern BTC_BECH32 =
      Pattern.compile(
          "(?<![0-9A-Za-z])(?:bc1|BC1)[02-9ac-hj-np-zAC-HJ-NP-Z]{11,71}(?![0-9A-Za-z])");
  private static final Pattern MENTION =
      Pattern.compile("(?<![\\w@.])@[A-Za-z0-9_]{1,30}(?![\\w@])");
  private static final Pattern HASHTAG =
      Pattern.compile("(?<![\\w#&])#[\\p{L}\\p{M}\\p{Nd}_]*[\\p{L}][\\p{L}\\p{M}\\p{Nd}_]*");
  private static final Pattern CASHTAG =
      Pattern.compile("(?<![\\w$])\\$[A-Za-z][A-Za-z0-9]{0,9}(?:\\.[A-Za-z]{1,2})?(?![\\w$])");

  private static final Set<Character> TRAILING_URL_PUNCTUATION =
      Set.of('.', ',', ';', ':', '!', '?', ')', ']', '\'', '"', '…');

  private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

  /** All entities of {@code text}, ordered by position; empty for null or blank text. */
  public List<Entity> extract(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    List<int[]> spans = new ArrayList<>(); // {start, end, typeIndex} in UTF-16 offsets
    boolean[] taken = new boolean[text.length()];
    addUrls(text, spans, taken);
    add(text, EMAIL, 1, spans, taken);
    add(text, ETH, 2, spans, taken);
    addBitcoin(text, spans, taken);
    add(text, MENTION, 4, spans, taken);
    add(text, HASHTAG, 5, spans, taken);
    add(text, CASHTAG, 6, spans, taken);
    spans.sort(Comparator.comparingInt(s -> s[0]));
    List<Entity> out = new ArrayList<>(spans.size());
    for (int[] s : spans) {
      out.add(
          new Entity(
              text.substring(s[0], s[1]),
              TYPES.get(s[2]),
              text.codePointCount(0, s[0]),
              text.codePointCount(0, s[1])));
    }
    return out;
  }

  private static void addUrls(String text, List<int[]> spans, boolean[] taken) {
    Matcher m = URL.matcher(text);
    while (m.find()) {
      int start = m.start();
      int end = m.end();
      while (end > start && TRAILING_URL_PUNCTUATION.contains(text.charAt(end - 1))) {
        char last = text.charAt(end - 1);
        if ((last == ')' && opens(text, start, end, '(', ')'))
            || (last == ']' && opens(text, start, end, '[', ']'))) {
          break; // the link itself opened this bracket, as in Wikipedia links
        }
        end--;
      }
      claim(start, end, 0, spans, taken);
    }
  }

  private static boolean opens(String text, int start, int end, char open, char close) {
    int balance = 0;
    for (int i = start; i < end; i++) {
      if (text.charAt(i) == open) {
        balance++;
      } else if (text.charAt(i) == close) {
        balance--;
      }
    }
    return balance >= 0;
  }

  private static void addBitcoin(String text, List<int[]> spans, boolean[] taken) {
    Matcher m = BTC_BASE58.matcher(text);
    while (m.find()) {
      if (isFree(m.start(), m.end(), taken) && validBase58Check(m.group())) {
        claim(m.start(), m.end(), 3, spans, taken);
      }
    }
    m = BTC_BECH32.matcher(text);
    while (m.find()) {
      if (isFree(m.start(), m.end(), taken) && validBech32(m.group())) {
        claim(m.start(), m.end(), 3, spans, taken);
      }
    }
  }

  private static void add(String text, Pattern p, int type, List<int[]> spans, boolean[] taken) {
    Matcher m = p.matcher(text);
    while (m.find()) {
      if (isFree(m.start(), m.end(), taken)) {
        claim(m.start(), m.end(), type, spans, taken);
      }
    }
  }

  private static boolean isFree(int start, int end, boolean[] taken) {
    for (int i = start; i < end; i++) {
      if (taken[i]) {
        return false;
      }
    }
    return true;
  }

  private static void claim(int start, int end, int type, List<int[]> spans, boolean[] taken) {
    if (end <= start || !isFree(start, end, taken)) {
      return;
    }
    Arrays.fill(taken, start, end, true);
    spans.add(new int[] {start, end, type});
  }

  /** Base58Check: 25 bytes whose last 4 are the double-SHA-256 checksum of the first 21. */
  static boolean validBase58Check(String address) {
    byte[] decoded = new byte[25];
    for (int i = 0; i < address.length(); i++) {
      int digit = BASE58.indexOf(address.charAt(i));
      if (digit < 0) {
        return false;
      }
      int carry = digit;
      for (int j = decoded.length - 1; j >= 0; j--) {
        carry += 58 * (decoded[j] & 0xFF);
        decoded[j] = (byte) carry;
        carry >>>= 8;
      }
      if (carry != 0) {
        return false; // more than 25 bytes
      }
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(decoded, 0, 21);
      byte[] once = sha.digest();
      byte[] twice = sha.digest(once);
      for (int i = 0; i < 4; i++) {
        if (twice[i] != decoded[21 + i]) {
          return false;
        }
      }
      return true;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** BIP-173 (Bech32) or BIP-350 (Bech32m) checksum over the human-readable part "bc". */
  static boolean validBech32(String address) {
    boolean lower = address.equals(address.toLowerCase(java.util.Locale.ROOT));
    boolean upper = address.equals(address.toUpperCase(java.util.Locale.ROOT));
    if (!lower && !upper) {
      return false; // mixed case is invalid in Bech32
    }
    String a = address.toLowerCase(java.util.Locale.ROOT);
    int sep = a.lastIndexOf('1');
    String hrp = a.substring(0, sep);
    String data = a.substring(sep + 1);
    if (data.length() < 6) {
      return false;
    }
    int[] values = new int[hrp.length() * 2 + 1 + data.length()];
    int k = 0;
    for (int i = 0; i < hrp.length(); i++) {
      values[k++] = hrp.charAt(i) >> 5;
    }
    values[k++] = 0;
    for (int i = 0; i < hrp.length(); i++) {
      values[k++] = hrp.charAt(i) & 31;
    }
    for (int i = 0; i < data.length(); i++) {
      int v = BECH32.indexOf(data.charAt(i));
      if (v < 0) {
        return false;
      }
      values[k++] = v;
    }
    int polymod = polymod(values);
    return polymod == 1 || polymod == 0x2bc830a3;
  }

  private static int polymod(int[] values) {
    int[] generator = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    int chk = 1;
    for (int v : values) {
      int top = chk >>> 25;
      chk = ((chk & 0x1ffffff) << 5) ^ v;
      for (int i = 0; i < 5; i++) {
        if (((top >>> i) & 1) != 0) {
          chk ^= generator[i];
        }
      }
    }
    return chk;
  }
}
