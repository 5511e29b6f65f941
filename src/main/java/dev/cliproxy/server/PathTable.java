package dev.cliproxy.server;

import dev.cliproxy.dialect.model.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An ordered table of routes: which methods on which path pattern lead to which target. A lookup
 * takes the first entry whose pattern and method both match; a path that some entry matches but
 * with other methods is a wrong method, anything else is not found.
 *
 * @param <T> what a route leads to (an {@link Endpoint} for modules)
 */
public final class PathTable<T> {
  /** The methods of an entry that accepts any method. */
  public static final Set<String> ANY_METHOD = Set.of();

  private static final Set<String> GET = Set.of("GET", "HEAD");
  private static final Set<String> POST = Set.of("POST");

  private final List<Entry<T>> entries;

  /**
   * One route.
   *
   * @param methods the HTTP methods it accepts; {@link #ANY_METHOD} for every method
   * @param path the path pattern
   * @param dialect the dialect its clients speak, for the error answers (405, or a failure before
   *     the endpoint picks a dialect of its own)
   * @param target what it leads to
   */
  public record Entry<T>(Set<String> methods, PathPattern path, Dialect dialect, T target) {
    public Entry {
      methods = Set.copyOf(methods);
    }

    boolean accepts(String method) {
      return methods.isEmpty() || methods.contains(method);
    }
  }

  /** What a lookup found. */
  public sealed interface Lookup<T> {
    /** The entry that serves the request, with the params its path pattern matched. */
    record Found<T>(Entry<T> entry, Map<String, String> params) implements Lookup<T> {}

    /** No entry accepts the method; this is the first entry whose path matched. */
    record WrongMethod<T>(Entry<T> entry, Map<String, String> params) implements Lookup<T> {}

    /** No entry matches the path. */
    record NotFound<T>() implements Lookup<T> {}
  }

  private PathTable(List<Entry<T>> entries) {
    this.entries = List.copyOf(entries);
  }

  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /** One table with the entries of {@code tables}, in order. */
  public static <T> PathTable<T> concat(List<PathTable<T>> tables) {
    List<Entry<T>> all = new ArrayList<>();
    tables.forEach(table -> all.addAll(table.entries));
    return new PathTable<>(all);
  }

  /** The same routes leading to other targets. */
  public <U> PathTable<U> map(Function<T, U> change) {
    return new PathTable<>(
        entries.stream()
            .map(e -> new Entry<>(e.methods(), e.path(), e.dialect(), change.apply(e.target())))
            .toList());
  }

  public List<Entry<T>> entries() {
    return entries;
  }

  /** Looks up a request's method and decoded path. */
  public Lookup<T> lookup(String method, String path) {
    if (!path.startsWith("/")) {
      return new Lookup.NotFound<>();
    }
    List<String> segments = PathPattern.segments(path);
    Lookup<T> wrongMethod = null;
    for (Entry<T> entry : entries) {
      Optional<Map<String, String>> params = entry.path().match(segments);
      if (params.isEmpty()) {
        continue;
      }
      if (entry.accepts(method)) {
        return new Lookup.Found<>(entry, params.get());
      }
      if (wrongMethod == null) {
        wrongMethod = new Lookup.WrongMethod<>(entry, params.get());
      }
    }
    return wrongMethod != null ? wrongMethod : new Lookup.NotFound<>();
  }

  /** Builds a table in the order its entries are added. */
  public static final class Builder<T> {
    private final List<Entry<T>> entries = new ArrayList<>();

    private Builder() {}

    /** GET (and HEAD, which Jetty answers without the body) on {@code path}. */
    public Builder<T> get(String path, T target) {
      return on(GET, path, Dialect.OPENAI_CHAT, target);
    }

    public Builder<T> post(String path, T target) {
      return on(POST, path, Dialect.OPENAI_CHAT, target);
    }

    /** Every method on {@code path}, for routes that pass requests on as they are. */
    public Builder<T> any(String path, T target) {
      return on(ANY_METHOD, path, Dialect.OPENAI_CHAT, target);
    }

    /**
     * These methods on {@code path}.
     *
     * @throws IllegalArgumentException when {@code path} is not a valid {@link PathPattern}
     */
    public Builder<T> on(Set<String> methods, String path, Dialect dialect, T target) {
      entries.add(new Entry<>(methods, PathPattern.of(path), dialect, target));
      return this;
    }

    public PathTable<T> build() {
      return new PathTable<>(entries);
    }
  }
}
