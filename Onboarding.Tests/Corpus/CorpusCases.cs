using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Corpus;

/// <summary>
/// The bad-input corpus, generated per operation of <c>openapi.yaml</c>: hostile ids, credentials,
/// query strings, JSON and form bodies, media types, header parameters, HTTP framing, odd headers
/// and methods. A body field or query parameter named <c>token</c> is the e-mail link token (the
/// document's <c>journeyToken</c> scheme says so) and gets the credential variants.
/// </summary>
public static class CorpusCases
{
    public static IReadOnlyList<CorpusCase> For(IReadOnlyList<CorpusOperation> operations, CorpusTargets targets)
    {
        var cases = new List<CorpusCase>();
        foreach (CorpusOperation operation in operations)
        {
            new OperationCorpus(operation, targets, cases).Generate();
        }

        foreach (IGrouping<string, CorpusOperation> path in operations.GroupBy(operation => operation.Path))
        {
            new OperationCorpus(path.First(), targets, cases).Methods();
        }

        return cases;
    }

    /// <summary>A JSON string literal that escapes everything outside printable ASCII, lone surrogates included.</summary>
    public static string Json(string value)
    {
        var json = new StringBuilder("\"");
        foreach (char c in value)
        {
            switch (c)
            {
                case '"':
                    json.Append("\\\"");
                    break;
                case '\\':
                    json.Append("\\\\");
                    break;
                case < ' ' or > '~':
                    json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    json.Append(c);
                    break;
            }
        }

        return json.Append('"').ToString();
    }

    /// <summary>A JSON string literal with non-ASCII characters as raw UTF-8 (only quotes, backslashes and controls escaped).</summary>
    public static string RawJson(string value) =>
        "\"" + string.Concat(value.Select(c => c switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            < ' ' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            _ => c.ToString(),
        })) + "\"";

    public static string Enc(string value) => Uri.EscapeDataString(value);

    public static string FullWidth(string value) => string.Concat(value.Select(c => c switch
    {
        >= '0' and <= '9' => (char)('０' + (c - '0')),
        >= 'A' and <= 'Z' => (char)('Ａ' + (c - 'A')),
        >= 'a' and <= 'z' => (char)('ａ' + (c - 'a')),
        _ => c,
    }));

    public static string ArabicIndic(string value) => string.Concat(value.Select(c => c is >= '0' and <= '9' ? (char)('\u0660' + (c - '0')) : c));

    public static string Homoglyphs(string value) => string.Concat(value.Select(c => c switch
    {
        'a' => 'а',
        'e' => 'е',
        'o' => 'о',
        'c' => 'с',
        'p' => 'р',
        'A' => 'А',
        'E' => 'Е',
        'O' => 'О',
        'X' => 'Х',
        _ => c,
    }));

    public static string FlipCase(string value) =>
        string.Concat(value.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)));

    public static string Base64Url(string value) =>
        System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(value));

    public static string Insert(string value, string odd) => value.Length > 1 ? value.Insert(1, odd) : value + odd;
}

/// <summary>The corpus of one operation.</summary>
sealed class OperationCorpus(CorpusOperation op, CorpusTargets t, List<CorpusCase> cases)
{
    const string JsonType = "application/json";
    const string FormType = "application/x-www-form-urlencoded";
    static readonly string[] BodyCodes = ["malformed-json", "validation-failed"];
    static readonly string[] FieldCodes = ["malformed-json", "validation-failed", "stage-mismatch"];
    static readonly string[] TooLarge = ["payload-too-large"];
    static readonly string[] MediaType = ["unsupported-media-type"];
    static readonly string[] NotFound = ["journey-not-found", "not-found"];
    static readonly string[] MissingOrWrongToken = ["missing-token", "journey-not-found"];
    static readonly string[] OperatorKey = ["operator-key-required"];

    /// <summary>A credential in the query string: refused as a parameter the route does not take, or as no credential at all.</summary>
    static readonly string[] CredentialInQuery = ["missing-token", "journey-not-found", "operator-key-required", "validation-failed"];
    static readonly string[] LinkToken = ["journey-not-found", "validation-failed"];
    static readonly string[] Validation = ["validation-failed"];
    static readonly string[] Method = ["method-not-allowed"];

    /// <summary>Characters no field takes: controls, invisible formatting, surrogates, noncharacters, separators.</summary>
    static readonly (string Name, string Odd)[] NeverValid =
    [
        ("nul", "\u0000"),
        ("rtl-override", "\u202E"),
        ("zero-width-joiner", "\u200D"),
        ("emoji-zwj-family", "👩‍👩‍👧"),
        ("lone-high-surrogate", "\ud800"),
        ("lone-low-surrogate", "\udc00"),
        ("reversed-surrogate-pair", "\udc00\ud800"),
        ("byte-order-mark", "\ufeff"),
        ("line-separator", "\u2028"),
        ("noncharacter", "\uffff"),
        ("ansi-escape", "\u001b[31m"),
        ("newline", "\n"),
        ("tab", "\t"),
        ("bidi-isolate", "\u2066"),
        ("soft-hyphen", "\u00ad"),
        ("private-use", "\ue000"),
    ];

    static readonly string[] Injections =
    [
        "' or 1 eq 1 or '",
        "'; DROP TABLE Journeys--",
        "PartitionKey eq 'x'",
        "x' or RowKey ne '",
        "<script>alert(1)</script>",
        "{{7*7}}${7*7}",
        "%s%n%x",
        "../../etc/passwd",
    ];

    KnownJourney Known => t.Known;

    KnownJourney Spare => t.Spare;

    /// <summary>Operator actions on the spare journey may end it: they run after everything else.</summary>
    int SparePhase => op.Credential == Credential.FunctionsKey ? 1 : 0;

    public void Generate()
    {
        if (op.HasJourneyId)
        {
            Ids();
        }

        if (op.Credential != Credential.None)
        {
            Credentials();
        }

        LinkTokens();
        Queries();
        if (op.TakesJson)
        {
            Syntax();
            Shape();
            Types();
            Strings();
            Sizes();
            Framings();
        }

        if (op.BodyMediaTypes.Count > 0)
        {
            MediaTypes();
        }

        if (op.TakesForm)
        {
            Forms();
        }

        HeaderParameters();
        Headers();
    }

    // ---------------------------------------------------------------- building requests

    void Add(string category, string name, RawRequest request, Expect expect, IReadOnlyCollection<string>? codes = null, int phase = 0, bool slow = false) =>
        cases.Add(new CorpusCase(op.OperationId, category, name, request, expect) { Codes = codes, Phase = phase, Slow = slow });

    static bool IsLinkToken(string name) => name == "token";

    IEnumerable<KeyValuePair<string, string>> CredentialOf(KnownJourney journey) => op.Credential switch
    {
        Credential.JourneyToken => [new("Authorization", "Bearer " + journey.Token)],
        Credential.FunctionsKey => [new("x-functions-key", t.OperatorKey)],
        _ => [],
    };

    /// <summary>The query of a harmless request: each parameter's example; the link token only when asked for.</summary>
    string Query(KnownJourney journey, bool withLinkToken, string? replace = null, string? with = null)
    {
        var parts = new List<string>();
        foreach (CorpusParameter parameter in op.Query)
        {
            if (parameter.Name == replace)
            {
                if (with is not null)
                {
                    parts.Add(with);
                }
            }
            else if (IsLinkToken(parameter.Name))
            {
                if (withLinkToken)
                {
                    parts.Add("token=" + CorpusCases.Enc(journey.EmailToken));
                }
            }
            else if (parameter.Example is { } example)
            {
                parts.Add(parameter.Name + "=" + CorpusCases.Enc(example));
            }
        }

        if (replace is not null && op.Query.All(parameter => parameter.Name != replace) && with is not null)
        {
            parts.Add(with);
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>The members of a valid JSON body for <paramref name="journey"/>, as raw JSON values.</summary>
    List<KeyValuePair<string, string>> Members(KnownJourney journey)
    {
        var members = new List<KeyValuePair<string, string>>();
        foreach ((string name, JsonNode? value) in op.ExampleBody ?? [])
        {
            string raw = name switch
            {
                _ when IsLinkToken(name) => CorpusCases.Json(journey.EmailToken),
                "email" => CorpusCases.Json(Builders.Email()),
                "phoneNumber" => CorpusCases.Json(PhoneNumberForTheExample()),
                _ => value?.ToJsonString() ?? "null",
            };
            members.Add(new(name, raw));
        }

        return members;
    }

    /// <summary>A fresh mobile number (the limits count journeys per number) of the example's region: a Chinese one for the seed's person.</summary>
    string PhoneNumberForTheExample() =>
        op.ExampleBody?["region"]?.GetValue<string>() == "CN" ? Builders.ChineseMobile() : Builders.PhoneNumber();

    static string Object(IEnumerable<KeyValuePair<string, string>> members) =>
        "{" + string.Join(",", members.Select(member => CorpusCases.Json(member.Key) + ":" + member.Value)) + "}";

    static List<KeyValuePair<string, string>> Replace(List<KeyValuePair<string, string>> members, string name, string? raw) =>
        members.Select(member => member.Key == name ? new KeyValuePair<string, string>(name, raw ?? "") : member)
            .Where(member => raw is not null || member.Key != name)
            .ToList();

    /// <summary>The field's value in a valid body, as a .NET string (the first item of an array).</summary>
    string TextOf(CorpusField field, KnownJourney journey)
    {
        if (IsLinkToken(field.Name))
        {
            return journey.EmailToken;
        }

        if (field.Name == "email")
        {
            return Builders.Email();
        }

        if (field.Name == "phoneNumber")
        {
            return PhoneNumberForTheExample();
        }

        JsonNode? value = op.ExampleBody?[field.Name];
        if (value is JsonArray { Count: > 0 } array)
        {
            value = array[0];
        }

        return value?.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value?.ToJsonString() ?? "x";
    }

    /// <summary>A JSON value for <paramref name="field"/> holding <paramref name="text"/> (in an array for array fields).</summary>
    string ValueHolding(CorpusField field, KnownJourney journey, string textJson)
    {
        if (field.Type != "array")
        {
            return textJson;
        }

        JsonArray? example = op.ExampleBody?[field.Name] as JsonArray;
        IEnumerable<string> rest = example is null ? [] : example.Skip(1).Select(item => item?.ToJsonString() ?? "null");
        return "[" + string.Join(",", new[] { textJson }.Concat(rest)) + "]";
    }

    RawRequest Request(
        KnownJourney journey,
        string? id = null,
        string? query = null,
        IEnumerable<KeyValuePair<string, string>>? credential = null,
        byte[]? body = null,
        string? contentType = JsonType,
        bool withLinkToken = false)
    {
        string path = op.Path.Replace("{journeyId}", id ?? journey.Id, StringComparison.Ordinal);
        foreach (CorpusParameter parameter in op.Parameters.Where(parameter => parameter.In == "path" && parameter.Example is not null))
        {
            path = path.Replace("{" + parameter.Name + "}", CorpusCases.Enc(parameter.Example!), StringComparison.Ordinal);
        }

        var headers = new List<KeyValuePair<string, string>>(credential ?? CredentialOf(journey));
        if (body is not null && contentType is not null)
        {
            headers.Add(new("Content-Type", contentType));
        }

        return new RawRequest(op.Method, path + (query ?? Query(journey, withLinkToken))) { Headers = headers, Body = body };
    }

    /// <summary>A well-formed request of the operation for <paramref name="journey"/> (its valid body, if it takes one).</summary>
    RawRequest Valid(KnownJourney journey, string? id = null, string? query = null, IEnumerable<KeyValuePair<string, string>>? credential = null, bool withLinkToken = false) =>
        Request(journey, id, query, credential, op.TakesJson ? Utf8(Object(Members(journey))) : null, withLinkToken: withLinkToken);

    RawRequest JsonBody(KnownJourney journey, string json) => Request(journey, body: Utf8(json));

    static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    static KeyValuePair<string, string> H(string name, string value) => new(name, value);

    // ---------------------------------------------------------------- categories

    /// <summary>Hostile journey ids, with the known journey's own credentials.</summary>
    void Ids()
    {
        string id = Known.Id;
        var variants = new List<(string, string)>
        {
            ("encoded-traversal", "..%2F..%2F..%2Fetc%2Fpasswd"),
            ("encoded-traversal-to-the-journey", "..%2Fjourneys%2F" + id),
            ("encoded-backslash-traversal", "..%5C..%5Cetc%5Cpasswd"),
            ("encoded-dot-dot", "%2E%2E"),
            ("overlong-utf8-slash", "%C0%AF"),
            ("nul", "%00"),
            ("id-then-nul", id + "%00"),
            ("quote", "%27"),
            ("id-then-quote", id + "%27"),
            ("odata-or", CorpusCases.Enc("' or 1 eq 1 or '")),
            ("odata-partition-key", CorpusCases.Enc("PartitionKey eq 'x'")),
            ("sql", CorpusCases.Enc("'; DROP TABLE Journeys--")),
            ("1000-chars", new string('a', 1000)),
            ("1000-hex-chars", string.Concat(Enumerable.Repeat(id, 32))[..1000]),
            ("uppercase-hex", id.ToUpperInvariant()),
            ("emoji", CorpusCases.Enc("👩‍👩‍👧")),
            ("invalid-utf8", "%FF%FE"),
            ("rtl-override-then-id", CorpusCases.Enc("\u202E") + id),
            ("id-then-zero-width-joiner", id + CorpusCases.Enc("\u200D")),
            ("full-width-id", CorpusCases.Enc(CorpusCases.FullWidth(id))),
            ("id-then-space", id + "%20"),
            ("one-char-short", id[..^1]),
            ("one-char-long", id + "0"),
            ("matrix-parameter", id + ";x=1"),
            ("route-template", "%7BjourneyId%7D"),
            ("asterisk", "*"),
            ("unknown-id", t.UnknownId),
        };
        if (op.Credential != Credential.FunctionsKey)
        {
            variants.Add(("another-journeys-id", t.Other.Id)); // an operator may act on any journey
        }

        foreach ((string name, string raw) in variants)
        {
            Add("ids", name, Valid(Known, id: raw, withLinkToken: true), Expect.Reject, NotFound);
        }
    }

    /// <summary>Missing, wrong, replayed, duplicated and hostile credentials for the known journey.</summary>
    void Credentials()
    {
        if (op.Credential == Credential.JourneyToken)
        {
            string token = Known.Token;
            var variants = new List<(string Name, KeyValuePair<string, string>[] Headers)>
            {
                ("none", []),
                ("scheme-only", [new("Authorization", "Bearer")]),
                ("another-journeys-token", [new("Authorization", "Bearer " + t.Other.Token)]),
                ("spare-journeys-token", [new("Authorization", "Bearer " + t.Spare.Token)]),
                ("replayed-email-link-token", [new("Authorization", "Bearer " + t.ReplayedEmailToken)]),
                ("current-email-link-token", [new("Authorization", "Bearer " + Known.EmailToken)]),
                ("basic-scheme", [new("Authorization", "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("user:" + token)))]),
                ("other-scheme", [new("Authorization", "Token " + token)]),
                ("no-scheme", [new("Authorization", token)]),
                ("duplicate-header", [new("Authorization", "Bearer " + token), new("Authorization", "Bearer " + token)]),
                ("two-tokens-in-one-header", [new("Authorization", $"Bearer {token}, Bearer {token}")]),
                ("10k-char-token", [new("Authorization", "Bearer " + new string('A', 10_000))]),
                ("token-plus-a-char", [new("Authorization", "Bearer " + token + "A")]),
                ("token-minus-a-char", [new("Authorization", "Bearer " + token[..^1])]),
                ("token-case-flipped", [new("Authorization", "Bearer " + CorpusCases.FlipCase(token))]),
                ("token-then-nul", [new("Authorization", "Bearer " + token + "\0")]),
                ("bare-cr-injection", [new("Authorization", "Bearer " + token + "\rX-Injected: 1")]),
                ("bare-lf-injection", [new("Authorization", "Bearer \nX-Injected: " + token)]),
                ("raw-utf8-emoji", [new("Authorization", "Bearer 👩‍👩‍👧")]),
                ("odata-token", [new("Authorization", "Bearer ' or 1 eq 1 or '")]),
                ("token-in-cookie", [new("Cookie", "token=" + token)]),
                ("token-in-other-header", [new("X-Journey-Token", token)]),
            };
            foreach ((string name, KeyValuePair<string, string>[] headers) in variants)
            {
                Add("credentials", name, Valid(Known, credential: headers), Expect.Reject, MissingOrWrongToken);
            }

            Add("credentials", "token-in-query", Valid(Known, credential: [], query: "?access_token=" + token), Expect.Reject, CredentialInQuery);
            Add("credentials", "known-token-on-another-journey", Valid(Known, id: t.Other.Id), Expect.Reject, MissingOrWrongToken);
            Add("credentials", "known-token-on-the-spare-journey", Valid(Known, id: t.Spare.Id), Expect.Reject, MissingOrWrongToken);
        }
        else
        {
            string key = t.OperatorKey;
            var variants = new List<(string Name, KeyValuePair<string, string>[] Headers)>
            {
                ("none", []),
                ("empty", [new("x-functions-key", "")]),
                ("wrong", [new("x-functions-key", "wrong-key")]),
                ("duplicate-header", [new("x-functions-key", key), new("x-functions-key", key)]),
                ("two-keys-in-one-header", [new("x-functions-key", key + "," + key)]),
                ("key-plus-10k-chars", [new("x-functions-key", key + new string('A', 10_000))]),
                ("key-case-flipped", [new("x-functions-key", CorpusCases.FlipCase(key))]),
                ("key-minus-a-char", [new("x-functions-key", key[..^1])]),
                ("key-then-nul", [new("x-functions-key", key + "\0")]),
                ("key-as-bearer", [new("Authorization", "Bearer " + key)]),
                ("journey-token-as-key", [new("x-functions-key", Known.Token)]),
                ("odata-key", [new("x-functions-key", "' or 1 eq 1 or '")]),
                ("raw-utf8-emoji", [new("x-functions-key", "👩‍👩‍👧")]),
                ("similar-header-name", [new("x-functions-key2", key)]),
            };
            foreach ((string name, KeyValuePair<string, string>[] headers) in variants)
            {
                Add("credentials", name, Valid(Known, credential: headers), Expect.Reject, OperatorKey);
            }

            string query = Query(Known, withLinkToken: false);
            Add("credentials", "key-in-query", Valid(Known, credential: [], query: query + (query.Length == 0 ? "?" : "&") + "code=" + key), Expect.Reject, CredentialInQuery);
        }
    }

    /// <summary>The e-mail link token (body field or query parameter <c>token</c>): replayed, foreign, bent.</summary>
    void LinkTokens()
    {
        string current = Known.EmailToken;
        var values = new List<(string Name, string? Value)>
        {
            ("missing", null),
            ("empty", ""),
            ("replayed-email-link-token", t.ReplayedEmailToken),
            ("journey-token-as-link-token", Known.Token),
            ("another-journeys-token", t.Other.Token),
            ("another-journeys-link-token", t.Spare.EmailToken),
            ("token-plus-a-char", current + "A"),
            ("token-minus-a-char", current[..^1]),
            ("token-case-flipped", CorpusCases.FlipCase(current)),
            ("129-chars", new string('A', 129)),
            ("10k-chars", new string('A', 10_000)),
            ("odata", "' or 1 eq 1 or '"),
            ("full-width", CorpusCases.FullWidth(current)),
            ("token-then-space", current + " "),
        };

        if (op.Fields.Any(field => IsLinkToken(field.Name)) && op.TakesJson)
        {
            foreach ((string name, string? value) in values)
            {
                string json = Object(Replace(Members(Known), "token", value is null ? null : CorpusCases.Json(value)));
                Add("link-token", "body-" + name, JsonBody(Known, json), Expect.Reject, LinkToken);
            }

            Add("link-token", "body-null", JsonBody(Known, Object(Replace(Members(Known), "token", "null"))), Expect.Reject, LinkToken);
            Add("link-token", "body-array", JsonBody(Known, Object(Replace(Members(Known), "token", "[" + CorpusCases.Json(current) + "]"))), Expect.Reject, LinkToken);
            Add("link-token", "body-number", JsonBody(Known, Object(Replace(Members(Known), "token", "123456"))), Expect.Reject, LinkToken);
        }

        if (op.Query.Any(parameter => IsLinkToken(parameter.Name)))
        {
            foreach ((string name, string? value) in values)
            {
                string query = Query(Known, withLinkToken: false, "token", value is null ? null : "token=" + CorpusCases.Enc(value));
                Add("link-token", "query-" + name, Request(Known, query: query), Expect.Reject, LinkToken);
            }

            string twice = "token=" + CorpusCases.Enc(current);
            Add("link-token", "query-twice", Request(Known, query: Query(Known, false, "token", twice + "&" + twice)), Expect.Reject, LinkToken);
            Add("link-token", "query-array-syntax", Request(Known, query: Query(Known, false, "token", "token[]=" + CorpusCases.Enc(current))), Expect.Reject, LinkToken);
            Add("link-token", "query-token-then-nul", Request(Known, query: Query(Known, false, "token", twice + "%00")), Expect.Reject, LinkToken);
            Add("link-token", "query-invalid-utf8", Request(Known, query: Query(Known, false, "token", "token=%FF%FE")), Expect.Reject, LinkToken);
        }
    }

    /// <summary>Hostile values for every query parameter (filters may match nothing: anything but a 5xx).</summary>
    void Queries()
    {
        foreach (CorpusParameter parameter in op.Query.Where(parameter => !IsLinkToken(parameter.Name)))
        {
            string p = parameter.Name;
            var values = new List<(string Name, string Raw)>();
            foreach (string injection in Injections)
            {
                values.Add(("injection " + injection, p + "=" + CorpusCases.Enc(injection)));
            }

            values.AddRange(
            [
                ("nul", p + "=%00"),
                ("crlf", p + "=%0D%0AX-Injected:%201"),
                ("rtl-override", p + "=" + CorpusCases.Enc("\u202Ex")),
                ("emoji", p + "=" + CorpusCases.Enc("👩‍👩‍👧")),
                ("combining-marks", p + "=" + CorpusCases.Enc("e\u0301\u0301\u0301")),
                ("full-width-digits", p + "=" + CorpusCases.Enc("０１２３４５")),
                ("invalid-utf8", p + "=%FF%FE"),
                ("encoded-surrogate", p + "=%ED%A0%80"),
                ("bare-percent", p + "=%"),
                ("bad-percent", p + "=%ZZ"),
                ("plus", p + "=+"),
                ("empty", p + "="),
                ("no-equals", p),
                ("twice", $"{p}=a&{p}=b"),
                ("array-syntax", p + "[]=a"),
                ("encoded-ampersand", p + "=a%26" + p + "%3Db"),
                ("1000-chars", p + "=" + new string('a', 1000)),
                ("7000-chars", p + "=" + new string('a', 7000)),
                ("9000-chars", p + "=" + new string('a', 9000)),
                ("base64url-odata", p + "=" + CorpusCases.Base64Url("' or 1 eq 1 or '")),
                ("base64url-json", p + "=" + CorpusCases.Base64Url("{\"NextPartitionKey\":\"x\"}")),
                ("base64url-1000-chars", p + "=" + CorpusCases.Base64Url(new string('x', 1000))),
                ("base64url-control-chars", p + "=" + CorpusCases.Base64Url("a\u0001b")),
                ("base64url-slashes", p + "=" + CorpusCases.Base64Url("1!x/y 2!z\\w")),
            ]);
            if (parameter.Type is "integer" or "number")
            {
                values.AddRange(new[] { "-1", "0", "101", "1e3", "99999999999999999999", "0x10", "１０", "NaN", "1.5", "%201" }
                    .Select(value => ("number " + value, p + "=" + (value.StartsWith('%') ? value : CorpusCases.Enc(value)))));
            }

            if (parameter.Format is "date-time" or "date")
            {
                values.AddRange(new[] { "9999-12-31T23:59:59Z", "0001-01-01", "2026-13-45T99:99:99Z", "2026-11-25T10:00:00Z' or '1'='1", "-1", "now", "1e10", "２０２６-１１-２５" }
                    .Select(value => ("time " + value, p + "=" + CorpusCases.Enc(value))));
            }

            if (parameter.Enum.Count > 0)
            {
                string first = parameter.Enum[0];
                values.AddRange(new[] { CorpusCases.FlipCase(first), first + "' or '", "0", "-1", "99", first + " ", first.ToUpperInvariant() }
                    .Select(value => ("enum " + value, p + "=" + CorpusCases.Enc(value))));
            }

            KnownJourney target = op.ChangesState ? Spare : Known;
            string[] absent = ["plus", "empty", "no-equals", "twice", "array-syntax"];
            foreach ((string name, string raw) in values)
            {
                cases.Add(new CorpusCase(op.OperationId, "query", $"{p}: {name}", Valid(target, query: Query(target, false, p, raw)), Expect.NoFault)
                {
                    Phase = op.ChangesState ? SparePhase : 0,
                    Unfiltered = absent.Contains(name),
                });
            }

            if (parameter.Required)
            {
                Add("query", $"{p}: missing", Valid(Known, query: Query(Known, false, p, null)), Expect.Reject, Validation);
            }
        }
    }

    /// <summary>Bodies that are not JSON, or not a JSON object.</summary>
    void Syntax()
    {
        string valid = Object(Members(Known));
        byte[] bom = [0xEF, 0xBB, 0xBF];
        var bodies = new List<(string Name, byte[] Body)>
        {
            ("open-brace", Utf8("{")),
            ("unfinished-member", Utf8("{\"a\":")),
            ("close-bracket", Utf8("]")),
            ("nul-literal-typo", Utf8("nul")),
            ("trailing-garbage", Utf8(valid + "garbage")),
            ("extra-close-brace", Utf8(valid + "}")),
            ("two-objects", Utf8(valid + valid)),
            ("bom-then-garbage", [.. bom, .. Utf8("garbage")]),
            ("bom-then-open-brace", [.. bom, .. Utf8("{")]),
            ("empty", []),
            ("whitespace-only", Utf8("   \r\n\t ")),
            ("truncated-half", Utf8(valid[..(valid.Length / 2)])),
            ("truncated-last-char", Utf8(valid[..^1])),
            ("single-quotes", Utf8(valid.Replace('"', '\''))),
            ("unquoted-names", Utf8("{" + string.Join(",", Members(Known).Select(member => member.Key + ":" + member.Value)) + "}")),
            ("missing-colon", Utf8("{\"a\" \"b\"}")),
            ("trailing-comma", Utf8(valid[..^1] + ",}")),
            ("comment", Utf8("/* c */" + valid)),
            ("nan", Utf8("NaN")),
            ("string", Utf8("\"text\"")),
            ("number", Utf8("123")),
            ("empty-array", Utf8("[]")),
            ("array-of-the-body", Utf8("[" + valid + "]")),
            ("null", Utf8("null")),
            ("true", Utf8("true")),
            ("invalid-utf8-in-string", [.. Utf8(valid[..(valid.IndexOf(":\"", StringComparison.Ordinal) + 2)]), 0xFF, 0xFE, .. Utf8(valid[(valid.IndexOf(":\"", StringComparison.Ordinal) + 2)..])]),
            ("raw-control-char-in-string", Utf8(valid.Insert(valid.IndexOf(":\"", StringComparison.Ordinal) + 2, "\u0001"))),
            ("raw-nul-first", [0x00, .. Utf8(valid)]),
            ("invalid-escape", Utf8("{\"a\":\"\\x41\"}")),
            ("short-unicode-escape", Utf8("{\"a\":\"\\u12\"}")),
            ("utf16-encoded", Encoding.Unicode.GetBytes(valid)),
            ("unbalanced-1000-brackets", Utf8(new string('[', 1000))),
        };
        foreach ((string name, byte[] body) in bodies)
        {
            Add("json-syntax", name, Request(Known, body: body), Expect.Reject, BodyCodes);
        }
    }

    /// <summary>Well-formed JSON of the wrong shape: missing, extra, duplicate and deeply nested members.</summary>
    void Shape()
    {
        List<KeyValuePair<string, string>> members = Members(Known);
        if (members.Count == 0)
        {
            return;
        }

        foreach (CorpusField field in op.Fields.Where(field => field.Required))
        {
            Add("json-shape", "missing " + field.Name, JsonBody(Known, Object(Replace(members, field.Name, null))), Expect.Reject, Validation);
        }

        if (op.Fields.Any(field => field.Required))
        {
            Add("json-shape", "empty-object", JsonBody(Known, "{}"), Expect.Reject, Validation);
            Add("json-shape", "all-null", JsonBody(Known, Object(members.Select(member => new KeyValuePair<string, string>(member.Key, "null")))), Expect.Reject, Validation);
        }

        (string first, string firstValue) = (members[0].Key, members[0].Value);
        string deepArray = new string('[', 100) + new string(']', 100);
        string deepObject = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100);
        var variants = new List<(string Name, string Json)>
        {
            ("extra-field", Object([.. members, new("extra", "1")])),
            ("prototype-pollution", Object([.. members, new("__proto__", "{\"isAdmin\":true}")])),
            ("type-discriminator", Object([new("$type", CorpusCases.Json("System.Object, System.Private.CoreLib")), .. members])),
            ("capitalised-name", Object(members.Select(member => member.Key == first ? new KeyValuePair<string, string>(char.ToUpperInvariant(first[0]) + first[1..], member.Value) : member))),
            ("duplicate-member", Object([.. members, new(first, firstValue)])),
            ("duplicate-member-other-value", Object([.. members, new(first, CorpusCases.Json("other"))])),
            ("duplicate-member-differing-in-case", Object([.. members, new(first.ToUpperInvariant(), firstValue)])),
            ("deep-array-in-field", Object(Replace(members, first, deepArray))),
            ("deep-object-in-field", Object(Replace(members, first, deepObject))),
            ("deep-array-body", deepArray),
            ("deep-object-body", deepObject),
            ("1000-extra-members", Object([.. members, .. Enumerable.Range(0, 1000).Select(i => new KeyValuePair<string, string>("x" + i.ToString(CultureInfo.InvariantCulture), "0"))])),
        };
        foreach ((string name, string json) in variants)
        {
            Add("json-shape", name, JsonBody(Known, json), Expect.Reject, BodyCodes);
        }
    }

    /// <summary>Every field with a value of the wrong JSON type.</summary>
    void Types()
    {
        List<KeyValuePair<string, string>> members = Members(Known);
        foreach (CorpusField field in op.Fields)
        {
            string[] wrong = field.Type switch
            {
                "array" => ["\"0.37\"", "1", "true", "{}", "{\"0\":\"0.37\"}"],
                "integer" or "number" => ["\"1\"", "true", "[]", "{}"],
                "boolean" => ["\"true\"", "1", "[]", "{}"],
                _ => ["1", "-1", "1.5", "1e400", "true", "false", "[]", "[\"x\"]", "{}", "{\"a\":\"b\"}"],
            };
            foreach (string value in wrong)
            {
                Add("json-types", $"{field.Name}: {value}", JsonBody(Known, Object(Replace(members, field.Name, value))), Expect.Reject, FieldCodes);
            }

            bool required = field.Required;
            KnownJourney target = required ? Known : Spare;
            Add("json-types", $"{field.Name}: null", JsonBody(target, Object(Replace(Members(target), field.Name, "null"))),
                required ? Expect.Reject : Expect.NoFault, required ? FieldCodes : null, required ? 0 : SparePhase);

            if (field.Type == "array")
            {
                ArrayItems(field);
            }
        }
    }

    /// <summary>Odd items of an array field, aimed at the spare journey, whose stage reads them.</summary>
    void ArrayItems(CorpusField field)
    {
        JsonArray example = op.ExampleBody?[field.Name] as JsonArray ?? [JsonValue.Create("x")];
        string other = example.Count > 1 ? example[1]!.ToJsonString() : example[0]!.ToJsonString();
        string[] items =
        [
            "{}", "[]", "null", "true", "1e400", "\"1e400\"", "\"NaN\"", "\"Infinity\"", "\"-0.37\"", "\"0x25\"", "\"0.370\"",
            "\"0.37e0\"", "-0.0", "0.371", "99999999999999999999999999999999", "\"\"", "\" 0.37 \"", "\"0,37\"",
            CorpusCases.Json("０.３７"), CorpusCases.Json("٠.٣٧"), "\"0.00\"", "\"1.00\"", "\"0.99999999999999999999\"", CorpusCases.Json("0.3\u00007"),
            "\"' or 1 eq 1 or '\"",
        ];
        foreach (string item in items)
        {
            string array = "[" + string.Join(",", new[] { item }.Concat(Enumerable.Repeat(other, Math.Max(0, example.Count - 1)))) + "]";
            Add("json-types", $"{field.Name}: item {item}", JsonBody(Spare, Object(Replace(Members(Spare), field.Name, array))), Expect.NoFault, phase: SparePhase);
        }

        string one = example[0]!.ToJsonString();
        Add("json-types", $"{field.Name}: one item", JsonBody(Spare, Object(Replace(Members(Spare), field.Name, "[" + one + "]"))), Expect.NoFault, phase: SparePhase);
        Add("json-types", $"{field.Name}: {example.Count + 1} items", JsonBody(Spare, Object(Replace(Members(Spare), field.Name, "[" + string.Join(",", Enumerable.Repeat(one, example.Count + 1)) + "]"))), Expect.NoFault, phase: SparePhase);
        Add("json-types", $"{field.Name}: 1000 items", JsonBody(Spare, Object(Replace(Members(Spare), field.Name, "[" + string.Join(",", Enumerable.Repeat(one, 1000)) + "]"))), Expect.NoFault, phase: SparePhase);
        Add("json-types", $"{field.Name}: empty", JsonBody(Known, Object(Replace(Members(Known), field.Name, "[]"))), Expect.Reject, FieldCodes);
    }

    /// <summary>
    /// Odd text in every string field: characters no field takes go to the known journey and must
    /// be refused; text that may be valid (combining marks, emoji, full-width digits, quotes,
    /// injections, 10k characters) goes to the spare journey and must only not break anything.
    /// </summary>
    void Strings()
    {
        foreach (CorpusField field in op.Fields.Where(field => field.Type is "string" or "array"))
        {
            foreach ((string name, string odd) in NeverValid)
            {
                string text = CorpusCases.Insert(TextOf(field, Known), odd);
                string json = Object(Replace(Members(Known), field.Name, ValueHolding(field, Known, CorpusCases.Json(text))));
                Add("unicode", $"{field.Name}: {name}", JsonBody(Known, json), Expect.Reject);
            }

            var maybe = new List<(string Name, Func<string, string> Value)>
            {
                ("combining-marks", text => CorpusCases.Json(CorpusCases.Insert(text, "\u0301\u0301\u0301"))),
                ("emoji", text => CorpusCases.Json(CorpusCases.Insert(text, "😀"))),
                ("raw-utf8-emoji", text => CorpusCases.RawJson(CorpusCases.Insert(text, "😀"))),
                ("full-width", text => CorpusCases.Json(CorpusCases.FullWidth(text))),
                ("arabic-indic-digits", text => CorpusCases.Json(CorpusCases.ArabicIndic(text))),
                ("cyrillic-homoglyphs", text => CorpusCases.Json(CorpusCases.Homoglyphs(text))),
                ("quote", text => CorpusCases.Json(CorpusCases.Insert(text, "'"))),
                ("odata-suffix", text => CorpusCases.Json(text + "' or PartitionKey ne '")),
                ("10k-chars", _ => CorpusCases.Json(new string('a', 10_000))),
                ("10k-digits", _ => CorpusCases.Json(new string('1', 10_000))),
                ("6000-cjk-chars", _ => CorpusCases.RawJson(new string('漢', 6000))),
                ("empty", _ => "\"\""),
                ("spaces", _ => "\"   \""),
            };
            maybe.AddRange(Injections.Select(injection => ("injection " + injection, (Func<string, string>)(_ => CorpusCases.Json(injection)))));
            foreach ((string name, Func<string, string> value) in maybe)
            {
                string json = Object(Replace(Members(Spare), field.Name, ValueHolding(field, Spare, value(TextOf(field, Spare)))));
                Add("text", $"{field.Name}: {name}", JsonBody(Spare, json), Expect.NoFault, phase: SparePhase);
            }
        }
    }

    /// <summary>Bodies over the 16 KiB limit, with and without Content-Length.</summary>
    void Sizes()
    {
        string valid = Object(Members(Known));
        byte[] Padded(int size) => Utf8(valid[..^1] + new string(' ', Math.Max(0, size - valid.Length)) + "}");
        Add("size", "20KiB", Request(Known, body: Padded(20 * 1024)), Expect.Reject, TooLarge);
        Add("size", "16KiB-plus-1", Request(Known, body: Padded((16 * 1024) + 1)), Expect.Reject, TooLarge);
        Add("size", "1MiB", Request(Known, body: Padded(1024 * 1024)), Expect.Reject, TooLarge);
        Add("size", "over-1MiB", Request(Known, body: Padded((1024 * 1024) + 4096)), Expect.Reject, TooLarge);
        Add("size", "chunked-40KiB", Request(Known, body: Padded(40 * 1024)) with { Framing = Framing.Chunked }, Expect.Reject, TooLarge);
        Add("size", "chunked-2MiB", Request(Known, body: Padded(2 * 1024 * 1024)) with { Framing = Framing.Chunked }, Expect.Reject, TooLarge);
        Add("size", "declared-20KiB-sent-less", Request(Known, body: Utf8(valid)).WithHeader("Content-Length", (20 * 1024).ToString(CultureInfo.InvariantCulture)) with
        {
            Framing = Framing.AsIs,
        }, Expect.Reject, TooLarge);
        CorpusField? text = op.Fields.FirstOrDefault(field => field.Type == "string");
        if (text is not null)
        {
            string json = Object(Replace(Members(Known), text.Name, CorpusCases.Json(new string('a', 17 * 1024))));
            Add("size", $"17KiB-string-in-{text.Name}", JsonBody(Known, json), Expect.Reject, TooLarge);
        }
    }

    /// <summary>HTTP framing only a raw socket sends: lying lengths, broken chunking, malformed heads.</summary>
    void Framings()
    {
        KnownJourney target = Spare;
        byte[] valid = Utf8(Object(Members(target)));
        string length = valid.Length.ToString(CultureInfo.InvariantCulture);
        RawRequest Raw(params KeyValuePair<string, string>[] headers) =>
            Request(target, body: valid) with { Framing = Framing.AsIs, Headers = [.. Request(target, body: valid).Headers, .. headers] };
        byte[] Chunked(string head, bool last = true) =>
            [.. Encoding.ASCII.GetBytes(head), .. valid, .. "\r\n"u8.ToArray(), .. (last ? "0\r\n\r\n"u8.ToArray() : [])];
        string hex = valid.Length.ToString("x", CultureInfo.InvariantCulture);
        KeyValuePair<string, string> chunked = new("Transfer-Encoding", "chunked");

        var variants = new List<(string Name, RawRequest Request, Expect Expect, bool Slow)>
        {
            ("content-length-longer-then-end-of-stream", Raw(H("Content-Length", (valid.Length + 100).ToString(CultureInfo.InvariantCulture))) with { HalfClose = true }, Expect.Reject, false),
            ("content-length-longer-then-silence", Raw(H("Content-Length", (valid.Length + 100).ToString(CultureInfo.InvariantCulture))), Expect.Reject, true),
            ("content-length-shorter", Raw(H("Content-Length", (valid.Length / 2).ToString(CultureInfo.InvariantCulture))), Expect.Reject, false),
            ("content-length-zero-with-body", Raw(H("Content-Length", "0")), Expect.Reject, false),
            ("duplicate-content-length-same", Raw(H("Content-Length", length), H("Content-Length", length)), Expect.NoFault, false),
            ("duplicate-content-length-different", Raw(H("Content-Length", length), H("Content-Length", "1")), Expect.Reject, false),
            ("negative-content-length", Raw(H("Content-Length", "-1")), Expect.Reject, false),
            ("content-length-not-a-number", Raw(H("Content-Length", "1e3")), Expect.Reject, false),
            ("content-length-overflow", Raw(H("Content-Length", "99999999999999999999")), Expect.Reject, false),
            ("content-length-and-chunked", Raw(H("Content-Length", length), chunked) with { Body = Chunked(hex + "\r\n") }, Expect.NoFault, false),
            ("chunked-twice", Raw(H("Transfer-Encoding", "chunked, chunked")) with { Body = Chunked(hex + "\r\n") }, Expect.NoFault, false),
            ("gzip-then-chunked", Raw(H("Transfer-Encoding", "gzip, chunked")) with { Body = Chunked(hex + "\r\n") }, Expect.NoFault, false),
            ("identity-coding", Raw(H("Transfer-Encoding", "identity")), Expect.NoFault, false),
            ("chunked-uppercase", Raw(H("Transfer-Encoding", "CHUNKED")) with { Body = Chunked(hex + "\r\n") }, Expect.NoFault, false),
            ("bad-chunk-size", Raw(chunked) with { Body = Chunked("zz\r\n") }, Expect.Reject, false),
            ("chunk-size-overflow", Raw(chunked) with { Body = Chunked("fffffffffffffffffff\r\n") }, Expect.Reject, false),
            ("chunk-shorter-than-data", Raw(chunked) with { Body = Chunked("5\r\n") }, Expect.Reject, false),
            ("missing-last-chunk-then-end-of-stream", Raw(chunked) with { Body = Chunked(hex + "\r\n", last: false), HalfClose = true }, Expect.Reject, false),
            ("chunk-extension", Raw(chunked) with { Body = Chunked(hex + ";ext=\"1\"\r\n") }, Expect.NoFault, false),
            ("chunk-trailer", Raw(chunked) with { Body = [.. Chunked(hex + "\r\n", last: false), .. "0\r\nX-Trailer: 1\r\n\r\n"u8.ToArray()] }, Expect.NoFault, false),
            ("space-in-header-name", Raw(H("Content-Length", length), H("Bad Header", "x")), Expect.Reject, false),
            ("obs-fold", Raw(H("Content-Length", length), H("X-Folded", "a\r\n b")), Expect.Reject, false),
            ("header-line-without-colon", Raw(H("Content-Length", length), H("", "NoColonHere")), Expect.Reject, false),
            ("nul-in-header-value", Raw(H("Content-Length", length), H("X-Nul", "a\0b")), Expect.Reject, false),
            ("40KiB-of-headers", Raw([H("Content-Length", length), .. Enumerable.Range(0, 100).Select(i => new KeyValuePair<string, string>("X-Pad-" + i.ToString(CultureInfo.InvariantCulture), new string('p', 400)))]), Expect.Reject, false),
            ("missing-host", Raw(H("Content-Length", length)) with { OmitHost = true }, Expect.Reject, false),
            ("two-hosts", Raw(H("Content-Length", length), H("Host", "evil.example")), Expect.Reject, false),
            ("http-1.0", Raw(H("Content-Length", length)) with { Version = "HTTP/1.0" }, Expect.NoFault, false),
            ("absolute-form-target", Raw(H("Content-Length", length)) with { Target = "http://evil.example" + Request(target).Target }, Expect.NoFault, false),
            ("expect-100-continue", Raw(H("Content-Length", length), H("Expect", "100-continue")), Expect.NoFault, false),
            ("content-encoding-gzip-on-plain-body", Raw(H("Content-Length", length), H("Content-Encoding", "gzip")), Expect.NoFault, false),
        };
        foreach ((string name, RawRequest request, Expect expect, bool slow) in variants)
        {
            Add("framing", name, request, expect, phase: SparePhase, slow: slow);
        }
    }

    /// <summary>A valid body labelled with a media type the operation does not take.</summary>
    void MediaTypes()
    {
        byte[] valid = Utf8(Object(Members(Known)));
        var types = new List<string?>
        {
            "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/json; charset=latin1",
            "application/json; charset=utf-16", null, "text/json", "application/jsonp", "json", "*/*", "application/*", "",
            ";;;", "application/json, text/plain", "application/octet-stream",
        };
        if (!op.TakesForm)
        {
            types.Add(FormType);
        }

        foreach (string? type in types)
        {
            RawRequest request = Request(Known, body: valid, contentType: type);
            Add("media-type", type is null ? "none" : type.Length == 0 ? "empty" : type, request, Expect.Reject, MediaType);
        }

        Add("media-type", "two-content-type-headers", Request(Known, body: valid).WithHeader("Content-Type", "text/plain"), Expect.Reject, MediaType);
        string multipart = string.Concat(Members(Known).Select(member =>
            $"--x\r\nContent-Disposition: form-data; name=\"{member.Key}\"\r\n\r\n{member.Value.Trim('"')}\r\n")) + "--x--\r\n";
        Add("media-type", "multipart-with-the-fields", Request(Known, body: Utf8(multipart), contentType: "multipart/form-data; boundary=x"), Expect.Reject, MediaType);
    }

    /// <summary>Hostile form posts (the e-mail link's Confirm button).</summary>
    void Forms()
    {
        string current = CorpusCases.Enc(Known.EmailToken);
        var bodies = new List<(string Name, byte[] Body, IReadOnlyCollection<string>? Codes)>
        {
            ("replayed-link-token", Utf8("token=" + CorpusCases.Enc(t.ReplayedEmailToken)), null),
            ("journey-token-as-link-token", Utf8("token=" + CorpusCases.Enc(Known.Token)), null),
            ("another-journeys-link-token", Utf8("token=" + CorpusCases.Enc(t.Spare.EmailToken)), null),
            ("token-twice", Utf8($"token={current}&token={current}"), null),
            ("empty-token", Utf8("token="), null),
            ("no-token", Utf8("other=1"), null),
            ("token-then-nul", Utf8($"token={current}%00"), null),
            ("invalid-percent", Utf8("%ZZ=%ZZ&token"), null),
            ("invalid-utf8", [.. Utf8("token="), 0xFF, 0xFE], null),
            ("10k-token", Utf8("token=" + new string('A', 10_000)), null),
            ("20KiB-form", Utf8($"token={current}&pad=" + new string('p', 20 * 1024)), TooLarge),
            ("array-syntax", Utf8("token[]=" + current), null),
            ("json-labelled-as-form", Utf8(Object(Members(Known))), null),
            ("semicolon-separated", Utf8($"token={current};x=1"), null),
            ("odata", Utf8("token=" + CorpusCases.Enc("' or 1 eq 1 or '")), null),
            ("no-equals", Utf8("token"), null),
        };
        foreach ((string name, byte[] body, IReadOnlyCollection<string>? codes) in bodies)
        {
            Add("form", name, Request(Known, body: body, contentType: FormType), Expect.Reject, codes);
        }
    }

    /// <summary>Declared header parameters (Idempotency-Key): duplicated, too long, with control characters.</summary>
    void HeaderParameters()
    {
        foreach (CorpusParameter parameter in op.HeaderParameters)
        {
            string h = parameter.Name;
            var variants = new List<(string Name, KeyValuePair<string, string>[] Headers, Expect Expect)>
            {
                ("twice-same", [new(h, "corpus-key"), new(h, "corpus-key")], Expect.Reject),
                ("twice-different", [new(h, "corpus-key-1"), new(h, "corpus-key-2")], Expect.Reject),
                ("1000-chars", [new(h, new string('k', 1000))], Expect.Reject),
                ("256-chars", [new(h, new string('k', 256))], Expect.Reject),
                ("empty", [new(h, "")], Expect.Reject),
                ("control-char", [new(h, "key\u0001value")], Expect.Reject),
                ("tab-inside", [new(h, "key\tvalue")], Expect.Reject),
                ("del-char", [new(h, "key\u007fvalue")], Expect.Reject),
                ("nul", [new(h, "key\0value")], Expect.Reject),
                ("raw-utf8", [new(h, "ключ-👩‍👩‍👧")], Expect.Reject),
                ("bare-cr", [new(h, "key\rX-Injected: 1")], Expect.Reject),
                ("odata", [new(h, "' or 1 eq 1 or '" + Guid.NewGuid().ToString("N"))], Expect.NoFault),
            };
            foreach ((string name, KeyValuePair<string, string>[] headers, Expect expect) in variants)
            {
                RawRequest request = Valid(Known);
                Add("header-parameter", $"{h}: {name}", request with { Headers = [.. request.Headers, .. headers] }, expect, expect == Expect.Reject ? Validation : null);
            }
        }
    }

    /// <summary>Odd but harmless headers on a well-formed request: anything but a 5xx, nothing changes.</summary>
    void Headers()
    {
        KnownJourney target = op.ChangesState ? Spare : Known;
        int phase = op.ChangesState ? 1 : 0;
        var variants = new List<(string Name, KeyValuePair<string, string>[] Headers)>
        {
            ("method-override-delete", [new("X-HTTP-Method-Override", "DELETE"), new("X-Method-Override", "DELETE")]),
            ("accept-xml", [new("Accept", "application/xml")]),
            ("duplicate-accept", [new("Accept", "application/json"), new("Accept", "text/html")]),
            ("accept-language-10k", [new("Accept-Language", new string('z', 10_000))]),
            ("accept-headers-garbage", [new("Accept-Language", "*;q=NaN, zz-ZZ;q=2, ;;;, en;q=-1, 👩‍👩‍👧"), new("Accept-Charset", "latin1"), new("Accept-Encoding", "gzip;q=NaN, br;q=2, *;q=-1")]),
            ("forwarded-headers", [new("Origin", "https://evil.example"), new("X-Forwarded-Host", "evil.example"), new("X-Forwarded-Proto", "gopher"), new("X-Forwarded-For", "' or 1 eq 1"), new("Forwarded", "for=\"_x\";host=evil.example"), new("Max-Forwards", "-1"), new("Via", "1.1 ' or 1 eq 1")]),
            ("hostile-cookie", [new("Cookie", "session=' or 1 eq 1 or '; a=" + new string('c', 2000))]),
            ("range-and-conditionals", [new("Range", "bytes=0-1"), new("If-None-Match", "*"), new("If-Modified-Since", "yesterday")]),
            ("60-junk-headers", Enumerable.Range(0, 60).Select(i => new KeyValuePair<string, string>("X-Junk-" + i.ToString(CultureInfo.InvariantCulture), "' or 1 eq 1")).ToArray()),
            ("8KiB-user-agent", [new("User-Agent", new string('u', 8 * 1024))]),
        };
        if (!op.HeaderParameters.Any())
        {
            variants.Add(("undeclared-idempotency-key", [new("Idempotency-Key", "corpus")]));
        }

        if (op.TakesJson)
        {
            variants.Add(("content-encoding-gzip-on-plain-body", [new("Content-Encoding", "gzip")]));
        }

        foreach ((string name, KeyValuePair<string, string>[] headers) in variants)
        {
            RawRequest request = Valid(target);
            Add("headers", name, request with { Headers = [.. request.Headers, .. headers] }, Expect.NoFault, phase: phase);
        }
    }

    /// <summary>Methods the path does not declare: 405 problem+json.</summary>
    public void Methods()
    {
        foreach (string method in new[] { "GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "FOO" }.Except(op.PathMethods))
        {
            RawRequest request = Request(Known, body: method is "GET" or "DELETE" or "OPTIONS" or "TRACE" ? null : Utf8("{}")) with { Method = method };
            Add("methods", method, request, Expect.Reject, Method);
        }
    }
}
