package io.tributary.http.internal.rss;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import io.tributary.spi.PermanentException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a feed document into item payloads. XXE-safe: ROME's parser is told to refuse any DOCTYPE
 * declaration, so no internal or external entity (file or URL), no external DTD and no entity
 * expansion bomb is ever processed; such a feed fails as a whole. The only DOCTYPE let through is
 * Netscape's public RSS 0.91 one, which is removed before parsing. Stateless and thread-safe.
 */
final class FeedParser {
  private static final Pattern NETSCAPE_091 =
      Pattern.compile(
          "(\\uFEFF?\\s*(?:<\\?xml[^>]*\\?>)?\\s*)<!DOCTYPE\\s+rss\\s+PUBLIC\\s+"
              + "\"-//Netscape Communications//DTD RSS 0\\.91//EN\"\\s+\"[^\"\\[\\]<>]*\"\\s*>");

  private FeedParser() {}

  /** One item as a record payload and its cursor value. */
  record Item(Map<String, Object> data, String id, Instant date) {}

  /** A parsed feed: its title and its items in document order. */
  record Feed(String title, List<Item> items) {}

  /**
   * Parses a feed body.
   *
   * @param contentType the response's Content-Type (its charset is honoured), or {@code null}
   * @param where the feed's URL, for messages
   * @throws PermanentException when the body is not a feed or declares a DOCTYPE
   */
  static Feed parse(byte[] body, String contentType, String feedUrl, String where) {
    SyndFeedInput input = new SyndFeedInput();
    input.setAllowDoctypes(false);
    SyndFeed feed;
    try (XmlReader reader = new XmlReader(new ByteArrayInputStream(body), contentType, true)) {
      String text = withoutNetscapeDoctype(readAll(reader));
      feed = input.build(new StringReader(text));
    } catch (FeedException | IOException | IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      if (message.toUpperCase(Locale.ROOT).contains("DOCTYPE")) {
        throw new PermanentException(
            "feed "
                + where
                + " declares a DOCTYPE; it is refused because DTDs and entities can read local"
                + " files or reach other hosts (XXE)");
      }
      throw new PermanentException(
          "feed " + where + " is not a readable RSS or Atom document: " + message);
    }
    List<Item> items = new ArrayList<>();
    String title = text(feed.getTitle());
    for (SyndEntry e : feed.getEntries()) {
      items.add(item(e, feedUrl, title));
    }
    return new Feed(title, items);
  }

  /**
   * Removes the one DOCTYPE that real RSS 0.91 feeds carry: Netscape's public identifier with a
   * system URL and no internal subset. Nothing is lost (the DTD only declares HTML entity names,
   * which ROME's healer replaces), and any other DOCTYPE still reaches the parser and is refused.
   */
  static String withoutNetscapeDoctype(String text) {
    Matcher m = NETSCAPE_091.matcher(text);
    return m.lookingAt() ? m.group(1) + text.substring(m.end()) : text;
  }

  private static String readAll(Reader reader) throws IOException {
    StringBuilder sb = new StringBuilder();
    char[] buf = new char[16 * 1024];
    int n;
    while ((n = reader.read(buf)) > 0) {
      sb.append(buf, 0, n);
    }
    return sb.toString();
  }

  private static Item item(SyndEntry e, String feedUrl, String feedTitle) {
    String link = text(e.getLink());
    // ROME gives the RSS guid (or the link when there is none), the Atom id, the RSS 1.0 rdf:about
    String id = text(e.getUri());
    if (id == null) {
      id = link;
    }
    Instant published = instant(e.getPublishedDate());
    Instant updated = instant(e.getUpdatedDate());
    Instant date =
        updated == null || (published != null && published.isAfter(updated)) ? published : updated;
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("feed_url", feedUrl);
    d.put("feed_title", feedTitle);
    d.put("id", id);
    d.put("title", text(e.getTitle()));
    d.put("link", link);
    d.put("author", text(e.getAuthor()));
    d.put("summary", e.getDescription() == null ? null : text(e.getDescription().getValue()));
    d.put("content", content(e.getContents()));
    List<Object> categories = new ArrayList<>();
    for (SyndCategory c : e.getCategories()) {
      String name = text(c.getName());
      if (name != null) {
        categories.add(name);
      }
    }
    d.put("categories", categories);
    d.put("published", published == null ? null : published.toString());
    d.put("updated", updated == null ? null : updated.toString());
    d.put("date", date == null ? null : date.toString());
    return new Item(d, id, date);
  }

  private static String content(List<SyndContent> contents) {
    for (SyndContent c : contents) {
      String v = text(c.getValue());
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static Instant instant(Date d) {
    return d == null ? null : d.toInstant();
  }

  private static String text(String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    return t.isEmpty() ? null : t;
  }
}
