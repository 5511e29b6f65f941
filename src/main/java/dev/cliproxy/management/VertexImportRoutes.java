package dev.cliproxy.management;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.auth.oauth.LoginException;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.config.Config;
import dev.cliproxy.provider.LoginFlag;
import dev.cliproxy.provider.LoginSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jetty.client.HttpClient;

/**
 * {@code POST /vertex/import}: a Google Cloud service-account key uploaded from the web UI
 * (multipart field {@code file}, optional {@code location}) imported exactly as {@code
 * --vertex-import FILE --location REGION} imports it, and applied at once.
 */
public final class VertexImportRoutes implements ManagementRoutes {
  private final LoginFlag importFlag;
  private final Function<Config, HttpClient> http;
  private final AuthFileRoutes.Store store;

  public VertexImportRoutes(
      LoginFlag importFlag, Function<Config, HttpClient> http, AuthFileRoutes.Store store) {
    this.importFlag = importFlag;
    this.http = http;
    this.store = store;
  }

  @Override
  public void addTo(ManagementRouter router) {
    router.post("/vertex/import", this::importKey);
  }

  private ManagementReply importKey(ManagementCall call) throws IOException {
    String contentType = call.header("Content-Type");
    if (!MultipartForm.is(contentType)) {
      throw new ManagementError(
          400, "file required", "upload the key as multipart/form-data, field 'file'");
    }
    List<MultipartForm.Part> parts = MultipartForm.parse(contentType, call.body());
    byte[] key =
        parts.stream()
            .filter(p -> p.name().equals("file"))
            .findFirst()
            .map(MultipartForm.Part::content)
            .orElseThrow(() -> ManagementError.badRequest("file required"));
    Optional<String> location =
        parts.stream()
            .filter(p -> p.name().equals("location"))
            .findFirst()
            .map(p -> new String(p.content(), java.nio.charset.StandardCharsets.UTF_8).trim())
            .or(() -> call.query("location").map(String::trim))
            .filter(l -> !l.isEmpty());
    JsonNode json;
    try {
      json = ManagementJson.MAPPER.readTree(key);
    } catch (IOException e) {
      throw new ManagementError(400, "invalid json", "the file is not a JSON service-account key");
    }
    Path file =
        Files.createTempFile(
            "vertex-import-",
            ".json",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.write(file, key);
      importFlag
          .flow()
          .run(
              new LoginSession(
                  call.config(),
                  http.apply(call.config()),
                  true,
                  new PrintWriter(Writer.nullWriter()),
                  Reader.nullReader(),
                  Optional.of(file.toString()),
                  location.map(l -> Map.of("--location", l)).orElse(Map.of())));
    } catch (LoginException e) {
      throw new ManagementError(
          e.reason() == LoginException.Reason.INVALID_INPUT ? 400 : 500,
          "invalid service account",
          e.getMessage().replace(file.toString(), "the uploaded key"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ManagementError(503, "import interrupted", "the proxy is stopping");
    } finally {
      Files.deleteIfExists(file);
    }
    store.applyNow();
    String project = json.path("project_id").asText();
    Optional<CredentialFile> saved =
        store.directory().load().files().stream()
            .filter(f -> f.type().equals("vertex"))
            .filter(f -> f.get("project_id").map(JsonNode::asText).orElse("").equals(project))
            .findFirst();
    return ManagementReply.json(
        ManagementJson.MAPPER
            .createObjectNode()
            .put("status", "ok")
            .put(
                "auth-file",
                saved.map(f -> store.directory().path().resolve(f.id()).toString()).orElse(""))
            .put("project_id", project)
            .put("email", json.path("client_email").asText())
            .put(
                "location",
                saved.flatMap(f -> f.get("location")).map(JsonNode::asText).orElse("")));
  }
}
