package io.soma.hub.store.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Okapi BM25 over the persisted postings of one tenant. The corpus size and average length, and the
 * document frequency of each query term, are counted by the database from the entries and the
 * postings; the scoring itself is one aggregate query over the postings of the query terms, so only
 * the top keys ever reach Java.
 */
public final class Bm25Ranking {

  /** The usual Okapi parameters: term frequency saturation and length normalisation. */
  static final double K1 = 1.2;

  static final double B = 0.75;

  /** A query longer than this many distinct terms is ranked by its first ones. */
  static final int MAX_QUERY_TERMS = 32;

  private static final String TF = "CAST(p.term_frequency AS DOUBLE PRECISION)";

  public record Scored(String key, double score) {}

  private final JdbcClient jdbc;

  public Bm25Ranking(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Scored> top(String tenant, String query, int limit) {
    List<String> terms = new ArrayList<>(new LinkedHashSet<>(MemoryTokenizer.terms(query)));
    if (terms.size() > MAX_QUERY_TERMS) {
      terms = terms.subList(0, MAX_QUERY_TERMS);
    }
    if (terms.isEmpty()) {
      return List.of();
    }
    Corpus corpus =
        jdbc.sql(
                "SELECT COUNT(*) AS entries, COALESCE(SUM(token_count), 0) AS tokens FROM memory_entries"
                    + " WHERE tenant = ?")
            .param(tenant)
            .query((rs, row) -> new Corpus(rs.getLong("entries"), rs.getLong("tokens")))
            .single();
    if (corpus.entries() == 0) {
      return List.of();
    }
    Map<String, Long> documentFrequencies = documentFrequencies(tenant, terms);
    List<String> matched = terms.stream().filter(documentFrequencies::containsKey).toList();
    if (matched.isEmpty()) {
      return List.of();
    }
    return score(tenant, matched, documentFrequencies, corpus, limit);
  }

  private Map<String, Long> documentFrequencies(String tenant, List<String> terms) {
    List<Object> params = new ArrayList<>();
    params.add(tenant);
    params.addAll(terms);
    Map<String, Long> frequencies = new HashMap<>();
    jdbc.sql(
            "SELECT term, COUNT(*) AS df FROM memory_postings WHERE tenant = ? AND term IN ("
                + placeholders(terms.size())
                + ") GROUP BY term")
        .params(params)
        .query(
            rs -> {
              frequencies.put(rs.getString("term"), rs.getLong("df"));
            });
    return frequencies;
  }

  /**
   * idf is BM25's non-negative variant, ln(1 + (N - df + 0.5) / (df + 0.5)); each term's idf goes
   * in as a parameter of a CASE, which PostgreSQL and H2 both evaluate per posting.
   */
  private List<Scored> score(
      String tenant,
      List<String> terms,
      Map<String, Long> documentFrequencies,
      Corpus corpus,
      int limit) {
    StringBuilder idfCase = new StringBuilder("CASE p.term");
    List<Object> params = new ArrayList<>();
    for (String term : terms) {
      long df = documentFrequencies.get(term);
      double idf = Math.log(1 + (corpus.entries() - df + 0.5) / (df + 0.5));
      idfCase.append(" WHEN ? THEN CAST(? AS DOUBLE PRECISION)");
      params.add(term);
      params.add(idf);
    }
    idfCase.append(" ELSE CAST(0 AS DOUBLE PRECISION) END");
    double averageLength = Math.max(1.0, (double) corpus.tokens() / corpus.entries());
    params.add(averageLength);
    params.add(tenant);
    params.addAll(terms);
    params.add(limit);
    String sql =
        "SELECT p.memory_key AS memory_key, SUM("
            + idfCase
            + " * ("
            + TF
            + " * "
            + (K1 + 1)
            + ")"
            + " / ("
            + TF
            + " + "
            + K1
            + " * ("
            + (1 - B)
            + " + "
            + B
            + " * CAST(e.token_count AS DOUBLE PRECISION) / CAST(? AS DOUBLE PRECISION)))) AS score"
            + " FROM memory_postings p JOIN memory_entries e ON e.tenant = p.tenant AND e.memory_key = p.memory_key"
            + " WHERE p.tenant = ? AND p.term IN ("
            + placeholders(terms.size())
            + ")"
            + " GROUP BY p.memory_key ORDER BY score DESC, p.memory_key ASC LIMIT ?";
    return jdbc.sql(sql)
        .params(params)
        .query((rs, row) -> new Scored(rs.getString("memory_key"), rs.getDouble("score")))
        .list();
  }

  private static String placeholders(int count) {
    return String.join(", ", java.util.Collections.nCopies(count, "?"));
  }

  private record Corpus(long entries, long tokens) {}
}
