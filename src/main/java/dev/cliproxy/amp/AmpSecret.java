package dev.cliproxy.amp;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the key to send to the Amp upstream, per request, in the seed's order with CLIProxyAPI's
 * later per-client keys first: {@code ampcode.upstream-api-keys} for the plain client key the
 * request presented, then the config key, then {@code AMP_API_KEY} (read on every call), then
 * {@code <home>/.local/share/amp/secrets.json}, the flat JSON object {@code amp login} writes,
 * under {@code apiKey@<upstream url>/} (e.g. {@code apiKey@https://ampcode.com/}). Values are
 * trimmed and blank counts as absent.
 *
 * <p>Only the file is cached, for {@link #FILE_CACHE_TTL}, and every outcome is: a key, a missing
 * file or key, and an unusable file (logged once per cache period, "continuing without an Amp
 * key"). {@link #forget()} empties the cache; call it when a reload changes the config. With no
 * upstream URL there is no file key to look up, so the file is not read. Keys are never logged.
 */
public final class AmpSecret {
  /** How long a reading of the secrets file is used. */
  public static final Duration FILE_CACHE_TTL = Duration.ofMinutes(5);

  /** The environment variable tried after the config. */
  public static final String ENVIRONMENT_VARIABLE = "AMP_API_KEY";

  private static final Logger LOG = LoggerFactory.getLogger(AmpSecret.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path secretsFile;
  private final Function<String, String> environment;
  private final Clock clock;
  private FileReading cached; // guarded by this

  /** One reading of the file for one file key. */
  private record FileReading(String fileKey, Optional<String> key, Instant readAt) {}

  /**
   * A secret source.
   *
   * @param home the user's home directory, under which {@code .local/share/amp/secrets.json} is
   * @param environment reads an environment variable, null when unset
   * @param clock times the file cache
   */
  public AmpSecret(Path home, Function<String, String> environment, Clock clock) {
    this.secretsFile =
        home.resolve(".local").resolve("share").resolve("amp").resolve("secrets.json");
    this.environment = Objects.requireNonNull(environment, "environment");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The process's: {@code user.home}, the real environment and the system clock. */
  public static AmpSecret standard() {
    return new AmpSecret(
        Path.of(System.getProperty("user.home")), System::getenv, Clock.systemUTC());
  }

  /** The secrets file this source reads. */
  public Path secretsFile() {
    return secretsFile;
  }

  /**
   * The key for one request.
   *
   * @param settings the request's snapshot's Amp settings
   * @param presentedClientKey the plain client key the request authenticated with, if any
   * @return the first key found; empty when there is none (send no Amp credentials)
   */
  public Optional<AmpKey> resolve(AmpSettings settings, Optional<String> presentedClientKey) {
    Optional<String> perClient = presentedClientKey.flatMap(settings::upstreamApiKeyFor);
    Optional<AmpKey> found =
        present(perClient, AmpKey.Source.CLIENT_KEY_MAPPING)
            .or(() -> present(settings.upstreamApiKey(), AmpKey.Source.CONFIG))
            .or(() ->
                present(
                    Optional.ofNullable(environment.apply(ENVIRONMENT_VARIABLE)),
                    AmpKey.Source.ENVIRONMENT));
    if (found.isPresent()) {
      return found;
    }
    return settings
        .upstreamUrl()
        .flatMap(url -> present(fromFile(fileKey(url)), AmpKey.Source.SECRETS_FILE));
  }

  /** Drops the cached reading of the secrets file; the next lookup reads it again. */
  public synchronized void forget() {
    cached = null;
  }

  /** The key {@code amp login} stores the upstream's key under. */
  static String fileKey(URI upstreamUrl) {
    return "apiKey@" + upstreamUrl + "/";
  }

  private static Optional<AmpKey> present(Optional<String> value, AmpKey.Source source) {
    return value.map(String::trim).filter(v -> !v.isEmpty()).map(v -> new AmpKey(v, source));
  }

  private synchronized Optional<String> fromFile(String fileKey) {
    Instant now = clock.instant();
    if (cached != null
        && cached.fileKey().equals(fileKey)
        && now.isBefore(cached.readAt().plus(FILE_CACHE_TTL))) {
      return cached.key();
    }
    cached = new FileReading(fileKey, read(fileKey), now);
    return cached.key();
  }

  private Optional<String> read(String fileKey) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(secretsFile));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (JsonProcessingException e) {
      // Jackson's message can quote the file's content, which is a key: give the place only.
      return unusable("not valid JSON" + at(e.getLocation()));
    } catch (IOException e) {
      return unusable("cannot read it: " + e.getClass().getSimpleName());
    }
    if (root == null || !root.isObject()) {
      return unusable("not a JSON object");
    }
    JsonNode value = root.get(fileKey);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      return unusable("the value of \"" + fileKey + "\" is not a string");
    }
    return Optional.of(value.textValue().trim()).filter(key -> !key.isEmpty());
  }

  private Optional<String> unusable(String problem) {
    LOG.warn(
        "Amp secrets file {}: {}; continuing without an Amp key (checked again in {} minutes)",
        secretsFile,
        problem,
        FILE_CACHE_TTL.toMinutes());
    return Optional.empty();
  }

  private static String at(JsonLocation location) {
    return location == null || location.getLineNr() < 1
        ? ""
        : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
