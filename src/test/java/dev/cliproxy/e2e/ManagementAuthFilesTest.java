package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.cli.ProxyWiring;
import dev.cliproxy.management.BcryptHash;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.RunningProxy;
import dev.cliproxy.toy.ToyKind;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /v0/management/auth-files} through the real proxy: an uploaded account is served at once,
 * disabled and enabled again, its fields changed, downloaded and deleted, and nothing a client
 * sends wrong is written.
 */
class ManagementAuthFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "mgmt-key-7";
  private static final String ACCOUNT =
      "{\"type\":\"toy\",\"email\":\"a@example.com\",\"access_token\":\"account-token\"}";

  @TempDir Path dir;
  private FakeOpenAiUpstream upstream;
  private RunningProxy proxy;

  @BeforeEach
  void start() throws Exception {
    upstream = FakeOpenAiUpstream.start("toy-upstream");
    proxy =
        RunningProxy.start(
            dir,
            "endpoints:\n  toy:\n    api: "
                + upstream.baseUrl()
                + "\nremote-management:\n  secret-key: \""
                + BcryptHash.of(KEY)
                + "\"\n",
            ProxyWiring.standard().withKind(new ToyKind()));
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    upstream.close();
  }

  private HttpResponse<String> call(HttpRequest.Builder request) throws Exception {
    return proxy.send(request.header("Authorization", "Bearer " + KEY));
  }

  private HttpRequest.Builder request(String method, String path, String contentType, byte[] body) {
    HttpRequest.Builder builder =
        proxy
            .get("/v0/management" + path)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    return contentType == null ? builder : builder.header("Content-Type", contentType);
  }

  private JsonNode files() throws Exception {
    HttpResponse<String> list = call(proxy.get("/v0/management/auth-files"));
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    return JSON.readTree(list.body()).path("files");
  }

  private JsonNode entry(String name) throws Exception {
    return StreamSupport.stream(files().spliterator(), false)
        .filter(e -> e.path("name").asText().equals(name))
        .findFirst()
        .orElse(null);
  }

  private HttpResponse<String> chat() throws Exception {
    return proxy.send(
        proxy.post(
            "/v1/chat/completions",
            "{\"model\":\""
                + ToyKind.ACCOUNT_MODEL
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
  }

  private static byte[] multipart(String boundary, List<String[]> files) {
    StringBuilder body = new StringBuilder();
    for (String[] file : files) {
      body.append("--")
          .append(boundary)
          .append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
          .append(file[0])
          .append("\"\r\nContent-Type: application/json\r\n\r\n")
          .append(file[1])
          .append("\r\n");
    }
    return body.append("--")
        .append(boundary)
        .append("--\r\n")
        .toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anUploadedAccountIsServedThenDisabledEnabledAndDeleted() throws Exception {
    assertThat(chat().statusCode()).isNotEqualTo(200);

    HttpResponse<String> uploaded =
        call(
            request(
                "POST",
                "/auth-files",
                "multipart/form-data; boundary=XyZ",
                multipart("XyZ", List.<String[]>of(new String[] {"toy-a.json", ACCOUNT}))));

    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
    assertThat(JSON.readTree(uploaded.body()).path("status").asText()).isEqualTo("ok");
    Path file = proxy.authDir().resolve("toy-a.json");
    assertThat(Files.readString(file)).isEqualTo(ACCOUNT);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    HttpResponse<String> served = chat();
    assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
    assertThat(upstream.received().get(0).header("Authorization"))
        .isEqualTo("Bearer account-token");
    JsonNode entry = entry("toy-a.json");
    assertThat(entry.path("type").asText()).isEqualTo("toy");
    assertThat(entry.path("email").asText()).isEqualTo("a@example.com");
    assertThat(entry.path("status").asText()).isEqualTo("active");
    assertThat(entry.path("state").asText()).isEqualTo("ready");
    assertThat(entry.path("disabled").asBoolean()).isFalse();
    assertThat(entry.path("auth_index").asText()).matches("[0-9a-f]{16}");
    assertThat(entry.path("size").asLong()).isEqualTo(ACCOUNT.length());
    assertThat(entry.toString()).doesNotContain("account-token");

    HttpResponse<String> disabled =
        call(
            request(
                "PATCH",
                "/auth-files/status",
                "application/json",
                "{\"name\":\"toy-a.json\",\"disabled\":true}".getBytes(StandardCharsets.UTF_8)));
    assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
    assertThat(JSON.readTree(disabled.body()).path("disabled").asBoolean()).isTrue();
    assertThat(chat().statusCode()).isNotEqualTo(200);
    assertThat(entry("toy-a.json").path("status").asText()).isEqualTo("disabled");

    call(
        request(
            "PATCH",
            "/auth-files/status",
            "application/json",
            "{\"name\":\"toy-a.json\",\"disabled\":false}".getBytes(StandardCharsets.UTF_8)));
    assertThat(chat().statusCode()).isEqualTo(200);

    HttpResponse<String> download =
        call(proxy.get("/v0/management/auth-files/download?name=toy-a.json"));
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Disposition"))
        .contains("attachment; filename=\"toy-a.json\"");
    assertThat(JSON.readTree(download.body()).path("access_token").asText())
        .isEqualTo("account-token");

    HttpResponse<String> models =
        call(proxy.get("/v0/management/auth-files/models?name=toy-a.json"));
    assertThat(JSON.readTree(models.body()).path("models").get(0).path("id").asText())
        .isEqualTo(ToyKind.ACCOUNT_MODEL);

    HttpResponse<String> deleted =
        call(request("DELETE", "/auth-files?name=toy-a.json", null, new byte[0]));
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    assertThat(file).doesNotExist();
    assertThat(chat().statusCode()).isNotEqualTo(200);
    assertThat(files()).isEmpty();
  }

  @Test
  void aRawJsonUploadWithANameAndAManyFileUploadAreSaved() throws Exception {
    HttpResponse<String> raw =
        call(
            request(
                "POST",
                "/auth-files?name=toy-raw.json",
                "application/json",
                ACCOUNT.getBytes(StandardCharsets.UTF_8)));
    HttpResponse<String> many =
        call(
            request(
                "POST",
                "/auth-files",
                "multipart/form-data; boundary=\"b-1\"",
                multipart(
                    "b-1",
                    List.of(
                        new String[] {"toy-b.json", ACCOUNT},
                        new String[] {"toy-c.json", "{\"no\":\"type\"}"}))));

    assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
    assertThat(many.statusCode()).as(many.body()).isEqualTo(207);
    JsonNode body = JSON.readTree(many.body());
    assertThat(body.path("status").asText()).isEqualTo("partial");
    assertThat(body.path("files").toString()).isEqualTo("[\"toy-b.json\"]");
    assertThat(body.path("failed").get(0).path("name").asText()).isEqualTo("toy-c.json");
    assertThat(proxy.authDir().resolve("toy-c.json")).doesNotExist();
    assertThat(files())
        .extracting(e -> e.path("name").asText())
        .containsExactly("toy-b.json", "toy-raw.json");

    HttpResponse<String> all = call(request("DELETE", "/auth-files?all=true", null, new byte[0]));
    assertThat(JSON.readTree(all.body()).path("deleted").asInt()).isEqualTo(2);
    assertThat(files()).isEmpty();
  }

  @Test
  void wrongUploadsAndNamesAre400sAndWriteNothing() throws Exception {
    HttpResponse<String> notJson =
        call(
            request(
                "POST",
                "/auth-files?name=toy-x.json",
                "application/json",
                "{not json".getBytes(StandardCharsets.UTF_8)));
    HttpResponse<String> noType =
        call(
            request(
                "POST",
                "/auth-files?name=toy-x.json",
                "application/json",
                "{\"email\":\"a@b\"}".getBytes(StandardCharsets.UTF_8)));
    HttpResponse<String> traversal =
        call(
            request(
                "POST",
                "/auth-files?name=..%2Fconfig.json",
                "application/json",
                ACCOUNT.getBytes(StandardCharsets.UTF_8)));
    HttpResponse<String> notDotJson =
        call(proxy.get("/v0/management/auth-files/download?name=config.yaml"));
    HttpResponse<String> downloadTraversal =
        call(proxy.get("/v0/management/auth-files/download?name=..%2F..%2Fetc%2Fpasswd.json"));
    HttpResponse<String> missing =
        call(proxy.get("/v0/management/auth-files/download?name=nobody.json"));
    HttpResponse<String> truncated =
        call(
            request(
                "POST",
                "/auth-files",
                "multipart/form-data; boundary=XyZ",
                "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.json\"\r\n\r\n{"
                    .getBytes(StandardCharsets.UTF_8)));
    HttpResponse<String> unsupportedField =
        call(
            request(
                "PATCH",
                "/auth-files/fields",
                "application/json",
                "{\"name\":\"toy-x.json\",\"priority\":3}".getBytes(StandardCharsets.UTF_8)));

    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(notJson.body()).path("message").asText()).contains("not valid JSON");
    assertThat(noType.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(noType.body()).path("message").asText()).contains("type");
    assertThat(traversal.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(traversal.body()).path("error").asText()).isEqualTo("invalid name");
    assertThat(notDotJson.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(notDotJson.body()).path("error").asText())
        .isEqualTo("name must end with .json");
    assertThat(downloadTraversal.statusCode()).isEqualTo(400);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(truncated.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(truncated.body()).path("error").asText())
        .isEqualTo("invalid multipart form");
    assertThat(unsupportedField.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unsupportedField.body()).path("message").asText())
        .contains("priority");
    try (var listing = Files.list(proxy.authDir())) {
      assertThat(listing.filter(p -> p.toString().endsWith(".json"))).isEmpty();
    }
    assertThat(dir.resolve("config.json")).doesNotExist();
  }

  @Test
  void fieldsTheProxyActsOnAreChangedInTheFile() throws Exception {
    call(request("POST", "/auth-files?name=toy-f.json", "application/json", ACCOUNT.getBytes()));

    HttpResponse<String> patched =
        call(
            request(
                "PATCH",
                "/auth-files/fields",
                "application/json",
                ("{\"name\":\"toy-f.json\",\"note\":\"work account\",\"proxy_url\":\"socks5://127.0.0.1:1\","
                        + "\"credential_group\":\"pool-a\"}")
                    .getBytes(StandardCharsets.UTF_8)));
    HttpResponse<String> badProxy =
        call(
            request(
                "PATCH",
                "/auth-files/fields",
                "application/json",
                "{\"name\":\"toy-f.json\",\"proxy_url\":\"ftp://x\"}"
                    .getBytes(StandardCharsets.UTF_8)));

    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    JsonNode file = JSON.readTree(Files.readString(proxy.authDir().resolve("toy-f.json")));
    assertThat(file.path("note").asText()).isEqualTo("work account");
    assertThat(file.path("proxy_url").asText()).isEqualTo("socks5://127.0.0.1:1");
    assertThat(file.path("access_token").asText()).isEqualTo("account-token");
    assertThat(entry("toy-f.json").path("note").asText()).isEqualTo("work account");
    assertThat(file.path("credential_group").asText()).isEqualTo("pool-a");
    assertThat(entry("toy-f.json").path("credential_group").asText()).isEqualTo("pool-a");
    assertThat(badProxy.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badProxy.body()).path("error").asText())
        .isEqualTo("invalid proxy_url");
  }
}
