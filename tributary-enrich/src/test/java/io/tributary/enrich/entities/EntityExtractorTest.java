package io.tributary.enrich.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EntityExtractorTest {

  private final EntityExtractor extractor = new EntityExtractor();

  @Test
  void findsTweetEntitiesWithOffsets() {
    // a tweet from the fixtures (twitter/v2_users_home_timeline_reverse_chronological.json)
    String tweet =
        "RT @jangles: Introducing mixed media: Videos, images, and GIFs together in one #Tweet"
            + " https://t.co/FMERM6PnVG  via @Twitter &lt; great feature…";
    List<Entity> entities = extractor.extract(tweet);
    assertThat(entities)
        .extracting(Entity::type, Entity::text)
        .containsExactly(
            tuple("mention", "@jangles"),
            tuple("hashtag", "#Tweet"),
            tuple("url", "https://t.co/FMERM6PnVG"),
            tuple("mention", "@Twitter"));
    for (Entity e : entities) {
      assertThat(tweet.substring(e.start(), e.end())).isEqualTo(e.text());
    }
  }

  @Test
  void offsetsCountCodePointsNotUtf16Units() {
    String text = "🚀🚀 $DOGE to the moon";
    Entity e = extractor.extract(text).get(0);
    assertThat(e).isEqualTo(new Entity("$DOGE", "cashtag", 3, 8));
    assertThat(
            text.codePoints()
                .skip(3)
                .limit(5)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString())
        .isEqualTo("$DOGE");
  }

  @Test
  void cashtagsAreTickersNotAmounts() {
    assertThat(extractor.extract("Bought $AAPL and $BRK.B for $100 and $5.5k, $doge too"))
        .extracting(Entity::text)
        .containsExactly("$AAPL", "$BRK.B", "$doge");
  }

  @Test
  void hashtagsNeedALetterAndWorkInAnyScript() {
    assertThat(extractor.extract("#1 fan of #München and #日本 and #covid19, not a#b or &#39;"))
        .extracting(Entity::text)
        .containsExactly("#München", "#日本", "#covid19");
  }

  @Test
  void emailIsNotAMention() {
    assertThat(extractor.extract("write to ops@example.org or ping @ops_team"))
        .extracting(Entity::type, Entity::text)
        .containsExactly(tuple("email", "ops@example.org"), tuple("mention", "@ops_team"));
  }

  @Test
  void urlDropsTrailingPunctuationButKeepsItsOwnBrackets() {
    assertThat(
            extractor.extract(
                "See https://en.wikipedia.org/wiki/Rust_(programming_language). Or (www.heise.de)!"))
        .extracting(Entity::text)
        .containsExactly(
            "https://en.wikipedia.org/wiki/Rust_(programming_language)", "www.heise.de");
  }

  @Test
  void fragmentsAndHandlesInsideLinksAreNotSeparateEntities() {
    assertThat(extractor.extract("https://example.com/page#section and https://x.com/@someone"))
        .extracting(Entity::type)
        .containsExactly("url", "url");
  }

  @Test
  void cryptoAddressesAreCheckedByChecksum() {
    String text =
        "eth 0xde0B295669a9FD93d5F28D9Ec85E40f4cb697BAe btc 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"
            + " p2sh 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy segwit bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
            + " taproot bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0";
    assertThat(extractor.extract(text))
        .extracting(Entity::type)
        .containsExactly("eth_address", "btc_address", "btc_address", "btc_address", "btc_address");
    // one character changed: the checksum no longer matches
    assertThat(
            extractor.extract(
                "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5"))
        .isEmpty();
    assertThat(EntityExtractor.validBase58Check("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")).isTrue();
  }

  @Test
  void emptyTextHasNoEntities() {
    assertThat(extractor.extract(null)).isEmpty();
    assertThat(extractor.extract("   ")).isEmpty();
    assertThat(extractor.extract("nothing to see here")).isEmpty();
  }

  @Test
  void randomTextNeverFailsAndSpansAreConsistent() {
    String alphabet = "ab $#@.:/_-0x1Fé日🚀wwhttps\n";
    Random random = new Random(7);
    for (int trial = 0; trial < 3_000; trial++) {
      StringBuilder sb = new StringBuilder();
      for (int k = random.nextInt(80); k > 0; k--) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String text = sb.toString();
      int previousEnd = 0;
      for (Entity e : extractor.extract(text)) {
        assertThat(e.start()).isGreaterThanOrEqualTo(previousEnd);
        assertThat(e.end()).isGreaterThan(e.start());
        assertThat(EntityExtractor.TYPES).contains(e.type());
        int from = text.offsetByCodePoints(0, e.start());
        int to = text.offsetByCodePoints(0, e.end());
        assertThat(text.substring(from, to)).isEqualTo(e.text());
        previousEnd = e.end();
      }
    }
  }
}
