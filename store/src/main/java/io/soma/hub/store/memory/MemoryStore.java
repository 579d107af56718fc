package io.soma.hub.store.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Memory entries per tenant and key, and their lexical index. Every write replaces the entry's
 * postings in the same transaction, so a search never sees an entry with the postings of another
 * version. Every method is scoped to one tenant: no query reads another tenant's rows.
 */
public class MemoryStore {

  private static final TypeReference<TreeMap<String, String>> METADATA = new TypeReference<>() {};

  /** The SELECT of what {@link #indexStateOf} reads, up to the WHERE. */
  private static final String INDEX_STATE_COLUMNS =
      "SELECT memory_key, value_json, metadata_json, campaign, updated_at, content_sha256, indexed_sha256,"
          + " index_version, embedded_sha256, embedding_model FROM memory_entries";

  /**
   * What the index and embeddings of an entry reflect; what the memory refresh compares to decide.
   */
  public record IndexState(
      MemoryEntry entry,
      String contentSha256,
      String indexedSha256,
      int indexVersion,
      String embeddedSha256,
      String embeddingModel) {

    public boolean indexCurrent() {
      return contentSha256.equals(indexedSha256) && indexVersion == MemoryTokenizer.VERSION;
    }

    public boolean embeddingCurrent(String model) {
      return contentSha256.equals(embeddedSha256) && model.equals(embeddingModel);
    }
  }

  /**
   * The entry as written, and whether this write created it (false: it replaced an earlier value).
   */
  public record Remembered(MemoryEntry entry, boolean created, String contentSha256) {}

  private final JdbcTemplate jdbcTemplate;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;

  public MemoryStore(DataSource dataSource, Clock clock) {
    this.jdbcTemplate = new JdbcTemplate(dataSource);
    this.jdbc = JdbcClient.create(jdbcTemplate);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.clock = clock;
  }

  JdbcClient jdbc() {
    return jdbc;
  }

  /**
   * Creates or replaces the entry and its postings. Two first writes of one key may race: the
   * loser's insert hits the primary key, and its transaction is retried once, now as a replacement.
   */
  public Remembered remember(
      String tenant, String key, String valueJson, Map<String, String> metadata) {
    String value = canonical(valueJson);
    TreeMap<String, String> sortedMetadata = new TreeMap<>(metadata == null ? Map.of() : metadata);
    try {
      return transactions.execute(status -> write(tenant, key, value, sortedMetadata));
    } catch (DuplicateKeyException concurrentFirstWrite) {
      return transactions.execute(status -> write(tenant, key, value, sortedMetadata));
    }
  }

  /**
   * Remembers the value unless the entry already holds exactly this value and metadata with a
   * current index: what the memory refresh does without {@code force}. Returns true when it wrote.
   */
  public boolean rememberIfChanged(
      String tenant, String key, String valueJson, Map<String, String> metadata) {
    String contentSha256 = contentSha256(canonical(valueJson), toJson(new TreeMap<>(metadata)));
    boolean current =
        jdbc.sql(
                    "SELECT COUNT(*) FROM memory_entries WHERE tenant = ? AND memory_key = ? AND content_sha256 = ?"
                        + " AND indexed_sha256 = content_sha256 AND index_version = ?")
                .params(tenant, key, contentSha256, MemoryTokenizer.VERSION)
                .query(Long.class)
                .single()
            > 0;
    if (current) {
      return false;
    }
    remember(tenant, key, valueJson, metadata);
    return true;
  }

  private Remembered write(
      String tenant, String key, String value, TreeMap<String, String> metadata) {
    String metadataJson = toJson(metadata);
    String contentSha256 = contentSha256(value, metadataJson);
    Map<String, Integer> frequencies =
        MemoryTokenizer.termFrequencies(MemoryText.of(key, value, metadata));
    int tokenCount = frequencies.values().stream().mapToInt(Integer::intValue).sum();
    String campaign = campaignOf(metadata);
    // Microseconds: what both databases keep, so the answer of a write equals what a later read
    // returns.
    OffsetDateTime now =
        OffsetDateTime.now(clock)
            .withOffsetSameInstant(ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.MICROS);
    int replaced =
        jdbc.sql(
                "UPDATE memory_entries SET value_json = ?, metadata_json = ?, campaign = ?, content_sha256 = ?,"
                    + " token_count = ?, indexed_sha256 = ?, index_version = ?, updated_at = ?"
                    + " WHERE tenant = ? AND memory_key = ?")
            .params(
                value,
                metadataJson,
                campaign,
                contentSha256,
                tokenCount,
                contentSha256,
                MemoryTokenizer.VERSION,
                now,
                tenant,
                key)
            .update();
    if (replaced == 0) {
      jdbc.sql(
              "INSERT INTO memory_entries (tenant, memory_key, value_json, metadata_json, campaign, content_sha256,"
                  + " token_count, indexed_sha256, index_version, created_at, updated_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              tenant,
              key,
              value,
              metadataJson,
              campaign,
              contentSha256,
              tokenCount,
              contentSha256,
              MemoryTokenizer.VERSION,
              now,
              now)
          .update();
    }
    replacePostings(tenant, key, frequencies);
    return new Remembered(
        new MemoryEntry(key, value, metadata, campaign, now.toInstant()),
        replaced == 0,
        contentSha256);
  }

  private void replacePostings(String tenant, String key, Map<String, Integer> frequencies) {
    jdbc.sql("DELETE FROM memory_postings WHERE tenant = ? AND memory_key = ?")
        .params(tenant, key)
        .update();
    List<Object[]> rows = new ArrayList<>(frequencies.size());
    frequencies.forEach((term, count) -> rows.add(new Object[] {tenant, term, key, count}));
    jdbcTemplate.batchUpdate(
        "INSERT INTO memory_postings (tenant, term, memory_key, term_frequency) VALUES (?, ?, ?, ?)",
        rows);
  }

  public Optional<MemoryEntry> recall(String tenant, String key) {
    return jdbc.sql(
            "SELECT memory_key, value_json, metadata_json, campaign, updated_at FROM memory_entries"
                + " WHERE tenant = ? AND memory_key = ?")
        .params(tenant, key)
        .query((rs, row) -> entryOf(rs))
        .optional();
  }

  /** The entries among {@code keys} (of this tenant), by key. */
  Map<String, MemoryEntry> recallAll(String tenant, List<String> keys) {
    Map<String, MemoryEntry> entries = new TreeMap<>();
    if (keys.isEmpty()) {
      return entries;
    }
    String placeholders = String.join(", ", java.util.Collections.nCopies(keys.size(), "?"));
    List<Object> params = new ArrayList<>();
    params.add(tenant);
    params.addAll(keys);
    jdbc.sql(
            "SELECT memory_key, value_json, metadata_json, campaign, updated_at FROM memory_entries"
                + " WHERE tenant = ? AND memory_key IN ("
                + placeholders
                + ")")
        .params(params)
        .query((rs, row) -> entryOf(rs))
        .list()
        .forEach(entry -> entries.put(entry.key(), entry));
    return entries;
  }

  /**
   * One page of the entries tagged with a campaign ({@code campaign} metadata equal to its name, or
   * a key {@code campaign:<name>} or under {@code campaign:<name>:}), in key order after {@code
   * afterKey}.
   */
  public List<IndexState> campaignEntries(
      String tenant, String campaignName, String afterKey, int limit) {
    String campaignKey = MemoryKeys.campaign(campaignName);
    String underCampaignKey = likeEscaped(campaignKey + ":") + "%";
    return jdbc.sql(
            INDEX_STATE_COLUMNS
                + " WHERE tenant = ? AND memory_key > ?"
                + " AND (campaign = ? OR memory_key = ? OR memory_key LIKE ? ESCAPE '!')"
                + " ORDER BY memory_key LIMIT ?")
        .params(
            tenant,
            afterKey == null ? "" : afterKey,
            campaignName,
            campaignKey,
            underCampaignKey,
            limit)
        .query((rs, row) -> indexStateOf(rs))
        .list();
  }

  /**
   * Rebuilds the postings of an entry from its stored content, unless another write replaced it
   * meanwhile.
   */
  public boolean reindex(String tenant, IndexState state) {
    MemoryEntry entry = state.entry();
    Map<String, Integer> frequencies =
        MemoryTokenizer.termFrequencies(
            MemoryText.of(entry.key(), entry.valueJson(), entry.metadata()));
    int tokenCount = frequencies.values().stream().mapToInt(Integer::intValue).sum();
    Boolean done =
        transactions.execute(
            status -> {
              int updated =
                  jdbc.sql(
                          "UPDATE memory_entries SET token_count = ?, indexed_sha256 = content_sha256,"
                              + " index_version = ? WHERE tenant = ? AND memory_key = ? AND content_sha256 = ?")
                      .params(
                          tokenCount,
                          MemoryTokenizer.VERSION,
                          tenant,
                          entry.key(),
                          state.contentSha256())
                      .update();
              if (updated == 0) {
                return false;
              }
              replacePostings(tenant, entry.key(), frequencies);
              return true;
            });
    return Boolean.TRUE.equals(done);
  }

  /**
   * Stores a unit vector for the content it was computed from; a newer content keeps its own (or
   * none).
   */
  public boolean storeEmbedding(
      String tenant, String key, String contentSha256, String model, float[] unitVector) {
    return jdbc.sql(
                "UPDATE memory_entries SET embedding = ?, embedding_model = ?, embedded_sha256 = content_sha256"
                    + " WHERE tenant = ? AND memory_key = ? AND content_sha256 = ?")
            .params(EmbeddingVectors.encode(unitVector), model, tenant, key, contentSha256)
            .update()
        == 1;
  }

  /** Up to {@code limit} entries of the tenant without a current embedding of this model. */
  List<IndexState> lackingEmbedding(String tenant, String model, int limit) {
    return jdbc.sql(
            INDEX_STATE_COLUMNS
                + " WHERE tenant = ? AND (embedded_sha256 IS NULL OR embedded_sha256 <> content_sha256"
                + " OR embedding_model IS NULL OR embedding_model <> ?) ORDER BY updated_at DESC LIMIT ?")
        .params(tenant, model, limit)
        .query((rs, row) -> indexStateOf(rs))
        .list();
  }

  /**
   * Streams the tenant's current embeddings of this model, key and vector, without holding them
   * all.
   */
  void forEachEmbedding(
      String tenant, String model, java.util.function.BiConsumer<String, float[]> visitor) {
    jdbcTemplate.query(
        connection -> {
          var statement =
              connection.prepareStatement(
                  "SELECT memory_key, embedding FROM memory_entries WHERE tenant = ? AND embedding_model = ?"
                      + " AND embedded_sha256 = content_sha256 AND embedding IS NOT NULL");
          statement.setString(1, tenant);
          statement.setString(2, model);
          statement.setFetchSize(500);
          return statement;
        },
        (ResultSet rs) -> {
          visitor.accept(
              rs.getString("memory_key"), EmbeddingVectors.decode(rs.getString("embedding")));
        });
  }

  private static IndexState indexStateOf(ResultSet rs) throws SQLException {
    return new IndexState(
        entryOf(rs),
        rs.getString("content_sha256"),
        rs.getString("indexed_sha256"),
        rs.getInt("index_version"),
        rs.getString("embedded_sha256"),
        rs.getString("embedding_model"));
  }

  private static MemoryEntry entryOf(ResultSet rs) throws SQLException {
    OffsetDateTime updatedAt = rs.getObject("updated_at", OffsetDateTime.class);
    return new MemoryEntry(
        rs.getString("memory_key"),
        rs.getString("value_json"),
        fromJson(rs.getString("metadata_json")),
        rs.getString("campaign"),
        updatedAt == null ? null : updatedAt.toInstant());
  }

  /** The campaign tag fits its column; a longer value (the gateway refuses one) tags nothing. */
  private static String campaignOf(Map<String, String> metadata) {
    String campaign = metadata.get(MemoryEntry.CAMPAIGN_METADATA);
    return campaign != null && !campaign.isEmpty() && campaign.length() <= 200 ? campaign : null;
  }

  static String contentSha256(String valueJson, String metadataJson) {
    return MemoryKeys.sha256Hex(valueJson + "\n" + metadataJson);
  }

  /** Compact JSON with the value's own field order, so the same value always hashes the same. */
  static String canonical(String valueJson) {
    try {
      return MemoryText.JSON.writeValueAsString(MemoryText.parse(valueJson));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String toJson(Map<String, String> metadata) {
    try {
      return MemoryText.JSON.writeValueAsString(metadata);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> fromJson(String json) {
    try {
      return MemoryText.JSON.readValue(json, METADATA);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String likeEscaped(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
