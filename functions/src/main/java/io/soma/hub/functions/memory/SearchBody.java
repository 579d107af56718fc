package io.soma.hub.functions.memory;

import io.soma.hub.functions.errors.InvalidInputException;
import io.soma.hub.functions.http.Characters;

/**
 * The body of {@code POST /v1/memory/search}: a query of 1 to 1000 characters and an optional limit
 * (1 to 50, 5).
 */
public record SearchBody(String query, Integer limit) {

  static final int MAX_QUERY_CHARS = 1_000;
  static final int DEFAULT_LIMIT = 5;
  static final int MAX_LIMIT = 50;

  public SearchBody {
    if (query == null) {
      throw new InvalidInputException("query", "is required");
    }
    if (!Characters.nonBlankWithin(query, MAX_QUERY_CHARS)) {
      throw new InvalidInputException(
          "query",
          "must be 1 to "
              + MAX_QUERY_CHARS
              + " characters and not blank (got "
              + Characters.count(query)
              + ")");
    }
    if (limit == null) {
      limit = DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException(
          "limit", "must be 1 to " + MAX_LIMIT + " (got " + limit + ")");
    }
  }
}
