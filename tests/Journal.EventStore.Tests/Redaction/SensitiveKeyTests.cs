using System.Text.Json.Nodes;
using Journal.EventStore.Redaction;

namespace Journal.EventStore.Tests.Redaction;

public class SensitiveKeyTests
{
    private readonly Redactor _redactor = new(RedactionOptions.Default);

    public static TheoryData<string> SensitiveKeys =>
    [
        "api_key", "apiKey", "x-api-key", "Authorization", "proxy-authorization", "refreshToken",
        "access_token", "id_token", "client_secret", "password", "passwd", "passphrase", "secret",
        "private_key", "privateKey", "credentials", "cookie", "set-cookie", "session_token", "auth_token",
        "bearer", "signing_key", "aws_secret_access_key", "token", "APIKey", "XMLHttpToken", "apikey",
        "DB_PASSWORD", "user.pwd", "OAuth2Token", "X-Auth-Token", "ssh key", "API_KEYS",
    ];

    public static TheoryData<string> KeptKeys =>
    [
        "max_tokens", "input_tokens", "tokenizer", "author", "passage", "secretary", "key", "keys",
        "session_id", "sessionKey", "session_key", "client_id", "public_key", "primary_key", "keyboard", "monkey", "passwordless",
        "authorName", "", "__",
    ];

    [Theory]
    [MemberData(nameof(SensitiveKeys))]
    public void IsSensitiveKey_is_true_for_sensitive_key(string key) => Assert.True(_redactor.IsSensitiveKey(key));

    [Theory]
    [MemberData(nameof(KeptKeys))]
    public void IsSensitiveKey_is_false_for_kept_key(string key) => Assert.False(_redactor.IsSensitiveKey(key));

    [Theory]
    [MemberData(nameof(SensitiveKeys))]
    public void Redact_replaces_value_when_key_is_sensitive(string key)
    {
        var root = new JsonObject { [key] = "opaque-value-42", ["note"] = "hello" };

        RedactionResult result = _redactor.Redact(root);

        Assert.Equal("[REDACTED]", root[key]!.GetValue<string>());
        Assert.Equal("hello", root["note"]!.GetValue<string>());
        Assert.Equal(["/" + key], result.Paths);
    }

    [Theory]
    [MemberData(nameof(KeptKeys))]
    public void Redact_keeps_value_when_key_is_not_sensitive(string key)
    {
        var root = new JsonObject { [key] = "256" };

        RedactionResult result = _redactor.Redact(root);

        Assert.Equal("256", root[key]!.GetValue<string>());
        Assert.Empty(result.Paths);
    }

    [Fact]
    public void Redact_replaces_value_when_key_is_api_key()
    {
        JsonNode root = JsonNode.Parse("""{"api_key":"abc123","model":"m"}""")!;

        RedactionResult result = _redactor.Redact(root);

        Assert.Equal("""{"api_key":"[REDACTED]","model":"m"}""", result.Value!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"password":1234}""")]
    [InlineData("""{"password":true}""")]
    [InlineData("""{"password":{"value":"x","salt":"y"}}""")]
    [InlineData("""{"password":["a","b"]}""")]
    [InlineData("""{"password":""}""")]
    public void Redact_replaces_value_of_any_type_when_key_is_sensitive(string json)
    {
        JsonNode root = JsonNode.Parse(json)!;

        RedactionResult result = _redactor.Redact(root);

        Assert.Equal("""{"password":"[REDACTED]"}""", result.Value!.ToJsonString());
        Assert.Equal(["/password"], result.Paths);
    }

    [Fact]
    public void Redact_keeps_null_under_sensitive_key()
    {
        JsonNode root = JsonNode.Parse("""{"password":null}""")!;

        RedactionResult result = _redactor.Redact(root);

        Assert.Equal("""{"password":null}""", result.Value!.ToJsonString());
        Assert.Empty(result.Paths);
    }

    [Fact]
    public void Redact_uses_extra_keys_as_token_sequences()
    {
        var redactor = new Redactor(RedactionOptions.Default with { ExtraKeys = ["tenant_code"], Replacement = "***" });
        JsonNode root = JsonNode.Parse("""{"tenantCode":"t1","X-Tenant-Code":"t2","tenant":"t3","code":"t4","log":"tenant-code=t5 ok"}""")!;

        RedactionResult result = redactor.Redact(root);

        Assert.Equal("""{"tenantCode":"***","X-Tenant-Code":"***","tenant":"t3","code":"t4","log":"tenant-code=*** ok"}""", result.Value!.ToJsonString());
        Assert.Equal(["/tenantCode", "/X-Tenant-Code", "/log"], result.Paths);
        Assert.True(redactor.IsSensitiveKey("TENANT_CODE"));
        Assert.False(new Redactor(RedactionOptions.Default).IsSensitiveKey("tenant_code"));
    }
}
