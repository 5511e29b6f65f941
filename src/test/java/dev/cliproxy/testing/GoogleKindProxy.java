package dev.cliproxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.cli.Main;
import dev.cliproxy.cli.ProviderKinds;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The whole proxy in front of one Google kind and its fake: a Gemini CLI account file before {@link
 * FakeCodeAssist}, a {@code gemini-api-key} before {@link FakeGeminiApi}, or a service account
 * imported with {@code --vertex-import} before {@link FakeVertex}, or an {@code antigravity-*.json}
 * account file before {@link FakeAntigravity}; the client key is {@code proxy-key}.
 */
public final class GoogleKindProxy implements AutoCloseable {
  /** The model every kind's fake knows. */
  public static final String MODEL = "gemini-2.5-flash";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The four Google kinds. */
  public enum Kind {
    GEMINI_CLI,
    GEMINI_API_KEY,
    VERTEX,
    ANTIGRAVITY
  }

  private final RunningProxy proxy;
  private final AutoCloseable fake;
  private final Supplier<List<Map.Entry<String, JsonNode>>> calls;

  /** Over {@code calls}, the upstream model and {@code GenerateContentRequest} of each call. */
  private GoogleKindProxy(
      RunningProxy proxy, AutoCloseable fake, Supplier<List<Map.Entry<String, JsonNode>>> calls) {
    this.proxy = proxy;
    this.fake = fake;
    this.calls = calls;
  }

  private static Supplier<List<Map.Entry<String, JsonNode>>> enveloped(
      Supplier<List<FakeCodeAssist.Received>> calls) {
    return () ->
        calls.get().stream()
            .map(c -> Map.entry(c.body().path("model").asText(), c.body().path("request")))
            .toList();
  }

  private static Supplier<List<Map.Entry<String, JsonNode>>> byPath(
      Supplier<List<FakeGeminiModels.Received>> calls) {
    return () ->
        calls.get().stream()
            .map(c -> {
              String model = c.path().substring(c.path().lastIndexOf("/models/") + 8);
              return Map.entry(model.replaceFirst(":.*", ""), c.body());
            })
            .toList();
  }

  /** Starts the kind's fake and the proxy in {@code dir}. */
  public static GoogleKindProxy start(Kind kind, Path dir) throws Exception {
    return switch (kind) {
      case GEMINI_CLI -> codeAssist(dir);
      case GEMINI_API_KEY -> geminiApi(dir);
      case VERTEX -> vertex(dir);
      case ANTIGRAVITY -> antigravity(dir);
    };
  }

  private static GoogleKindProxy codeAssist(Path dir) throws Exception {
    FakeCodeAssist fake =
        FakeCodeAssist.start().acceptTokensStartingWith("ya29.kinds").withProjects("kinds-proj");
    Path auth = Files.createDirectories(dir.resolve("auth"));
    Files.writeString(
        auth.resolve("gemini-me@example.com-kinds-proj.json"),
        "{\"token\":{\"access_token\":\"ya29.kinds\",\"refresh_token\":\"1//unused\","
            + "\"token_type\":\"Bearer\",\"expiry\":\"2099-01-01T00:00:00Z\","
            + "\"token_uri\":\"https://oauth2.googleapis.com/token\"},"
            + "\"project_id\":\"kinds-proj\",\"email\":\"me@example.com\",\"auto\":false,"
            + "\"checked\":true,\"type\":\"gemini\"}\n");
    RunningProxy proxy =
        RunningProxy.start(
            dir,
            "api-keys: [proxy-key]\nendpoints:\n  gemini-cli:\n    api: "
                + fake.baseUrl()
                + "\n    token: http://127.0.0.1:9/token\n");
    return new GoogleKindProxy(proxy, fake, enveloped(fake::modelCalls));
  }

  private static GoogleKindProxy antigravity(Path dir) throws Exception {
    FakeAntigravity fake =
        FakeAntigravity.start().acceptTokensStartingWith("ya29.kinds").withProject("kinds-proj");
    Path auth = Files.createDirectories(dir.resolve("auth"));
    Files.writeString(
        auth.resolve("antigravity-me@example.com.json"),
        "{\"access_token\":\"ya29.kinds\",\"email\":\"me@example.com\","
            + "\"expired\":\"2099-01-01T00:00:00Z\",\"expires_in\":3599,"
            + "\"project_id\":\"kinds-proj\",\"refresh_token\":\"1//unused\","
            + "\"timestamp\":1764583200000,\"type\":\"antigravity\"}\n");
    RunningProxy proxy =
        RunningProxy.start(
            dir,
            "api-keys: [proxy-key]\nendpoints:\n  antigravity:\n    api: "
                + fake.baseUrl()
                + "\n    token: http://127.0.0.1:9/token\n");
    return new GoogleKindProxy(proxy, fake, enveloped(fake::modelCalls));
  }

  private static GoogleKindProxy geminiApi(Path dir) throws Exception {
    FakeGeminiApi fake = FakeGeminiApi.start(MODEL).acceptKey("key-kinds");
    RunningProxy proxy =
        RunningProxy.start(
            dir,
            "api-keys: [proxy-key]\nendpoints:\n  gemini:\n    api: "
                + fake.baseUrl()
                + "\ngemini-api-key:\n  - api-key: key-kinds\n");
    return new GoogleKindProxy(proxy, fake, byPath(fake::received));
  }

  private static GoogleKindProxy vertex(Path dir) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    String email = "kinds@kinds-proj.iam.gserviceaccount.com";
    FakeVertex fake =
        FakeVertex.start(Clock.systemUTC())
            .acceptServiceAccount(email, keys.getPublic(), "kinds-proj", "us-central1");
    RunningProxy proxy =
        RunningProxy.start(
            dir, "api-keys: [proxy-key]\nendpoints:\n  vertex:\n    api: " + fake.baseUrl() + "\n");
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(keys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    Path key = dir.resolve("key.json");
    Files.writeString(
        key,
        JSON.createObjectNode()
            .put("type", "service_account")
            .put("project_id", "kinds-proj")
            .put("private_key_id", "kid-kinds")
            .put("private_key", pem)
            .put("client_email", email)
            .put("client_id", "4321")
            .put("token_uri", fake.tokenUri())
            .toString());
    StringWriter err = new StringWriter();
    int status =
        Main.commandLine(ProviderKinds.shipped())
            .setOut(new PrintWriter(new StringWriter(), true))
            .setErr(new PrintWriter(err, true))
            .execute(
                "--vertex-import",
                key.toString(),
                "--config",
                dir.resolve("config.yaml").toString());
    if (status != 0
        || !RunningProxy.eventually(
            Duration.ofSeconds(10),
            () ->
                proxy.app().gateway().pool().status().stream()
                    .anyMatch(s -> s.provider().equals("vertex")))) {
      proxy.close();
      fake.close();
      throw new IllegalStateException("the Vertex import did not take: " + err);
    }
    return new GoogleKindProxy(proxy, fake, byPath(fake::received));
  }

  public String baseUrl() {
    return proxy.baseUrl();
  }

  /** The {@code GenerateContentRequest} of every model call the fake received, in order. */
  public List<JsonNode> requests() {
    return calls.get().stream().map(Map.Entry::getValue).toList();
  }

  /** The upstream model name of every model call the fake received, in order. */
  public List<String> upstreamModels() {
    return calls.get().stream().map(Map.Entry::getKey).toList();
  }

  @Override
  public void close() throws Exception {
    proxy.close();
    fake.close();
  }
}
