package io.soma.hub.store.migration;

import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Makes {@link StoreSchemaCheck} a database initializer, so that every bean marked
 * {@code @DependsOnDatabaseInitialization} (the store's repositories) is created after it.
 */
public final class StoreSchemaCheckDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

  @Override
  protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
    return Set.of(StoreSchemaCheck.class);
  }
}
