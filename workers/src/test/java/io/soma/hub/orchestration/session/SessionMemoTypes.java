package io.soma.hub.orchestration.session;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;

/** The generic type of the steps memo, as the gateway decodes it. */
final class SessionMemoTypes {

  static final Type STEP_LIST =
      new ParameterizedType() {
        @Override
        public Type[] getActualTypeArguments() {
          return new Type[] {SessionStep.class};
        }

        @Override
        public Type getRawType() {
          return List.class;
        }

        @Override
        public Type getOwnerType() {
          return null;
        }
      };

  private SessionMemoTypes() {}
}
