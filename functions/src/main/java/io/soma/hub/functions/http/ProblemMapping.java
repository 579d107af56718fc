package io.soma.hub.functions.http;

import io.soma.hub.functions.errors.ConflictException;
import io.soma.hub.functions.errors.IdempotencyKeyReusedException;
import io.soma.hub.functions.errors.InvalidInputException;
import io.soma.hub.functions.errors.NotFoundException;
import io.soma.hub.functions.errors.QuotaExceededException;
import io.soma.hub.functions.errors.RefusedException;
import io.soma.hub.functions.errors.UnavailableException;
import io.soma.hub.functions.wizards.InvalidAnswerException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * The one place where a failure becomes an HTTP problem. Anything unforeseen is logged and answered
 * as 500.
 */
final class ProblemMapping {

  private static final Logger log = LoggerFactory.getLogger(ProblemMapping.class);

  private ProblemMapping() {}

  static Problem toProblem(Throwable failure, String instance) {
    if (failure instanceof InvalidAnswerException answer) {
      return new Problem(
          HttpStatus.BAD_REQUEST,
          answer.getMessage(),
          instance,
          Map.of("field", answer.field(), "question", answer.question(), "rule", answer.rule()));
    }
    if (failure instanceof InvalidInputException invalid) {
      return new Problem(
          HttpStatus.BAD_REQUEST,
          invalid.getMessage(),
          instance,
          Map.of("field", invalid.field(), "rule", invalid.rule()));
    }
    if (failure instanceof PayloadTooLargeException tooLarge) {
      return new Problem(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage(), instance);
    }
    if (failure instanceof NotFoundException notFound) {
      return new Problem(HttpStatus.NOT_FOUND, notFound.getMessage(), instance);
    }
    if (failure instanceof ConflictException conflict) {
      return new Problem(HttpStatus.CONFLICT, conflict.getMessage(), instance, conflict.details());
    }
    if (failure instanceof IdempotencyKeyReusedException reused) {
      return new Problem(HttpStatus.UNPROCESSABLE_CONTENT, reused.getMessage(), instance);
    }
    if (failure instanceof QuotaExceededException quota) {
      return new Problem(
          HttpStatus.TOO_MANY_REQUESTS,
          quota.getMessage(),
          instance,
          Map.of("limit", quota.limit(), "capacity", quota.capacity(), "running", quota.running()));
    }
    if (failure instanceof RefusedException refused) {
      return new Problem(HttpStatus.FORBIDDEN, refused.getMessage(), instance, refused.details());
    }
    if (failure instanceof UnavailableException unavailable) {
      log.warn(
          "Answering 503 for {}: {}", instance, unavailable.getMessage(), unavailable.getCause());
      return new Problem(HttpStatus.SERVICE_UNAVAILABLE, unavailable.getMessage(), instance);
    }
    log.error("Unexpected failure serving {}", instance, failure);
    return new Problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "the hub failed unexpectedly; it has been logged",
        instance);
  }

  /** A body over the limit. Lives here because only the HTTP edge knows about byte limits. */
  static final class PayloadTooLargeException extends RuntimeException {
    PayloadTooLargeException(int limit) {
      super("the request body is larger than " + limit / 1024 + " KiB");
    }
  }
}
