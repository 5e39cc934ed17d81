using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;
using Onboarding.Tests.Contract;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Corpus;

/// <summary>
/// The document and the server agree on what the service accepts: for every request of the bad-input
/// corpus and for requests at the boundaries of every request schema, the JSON Schema validator's
/// verdict against <c>openapi.yaml</c> itself (<see cref="DocumentVerdict"/>) and the server's (a
/// <c>400</c>, or an answer past validation: 2xx, 403, 409, 422) are the same. A request the schema
/// accepts may be refused only for a rule the field declares in <c>x-server-checks</c> (a Luhn
/// check, an age, the deposit count), naming that field.
/// </summary>
[Collection(BadInputCorpusCollection.Name)]
public sealed class ContractAgreementTests(BadInputCorpusFixture corpus, ITestOutputHelper output)
{
    static readonly ContractSchemas Schemas = ContractSchemas.Load();

    [Fact]
    public void Corpus_EveryRequestTheDocumentJudges_ServerAgrees()
    {
        var operations = corpus.Operations.ToDictionary(operation => operation.OperationId);
        var tally = new Tally();
        foreach (CorpusResult result in corpus.Results)
        {
            CorpusOperation operation = operations[result.Case.OperationId];
            tally.Judge($"{operation.OperationId} [{result.Case.Category}] {result.Case.Name}", operation.OperationId,
                DocumentVerdict.Of(Schemas, operation.Path, operation.Method, result.Case.Request), result.Response);
        }

        tally.Report(output);
        Assert.True(tally.Disagreements.IsEmpty, $"{tally.Disagreements.Count} corpus requests where the document and the server disagree:\n  " + string.Join("\n  ", tally.Disagreements.Take(40)));
        Assert.True(tally.Refused > 300 && tally.Accepted > 50, $"Too few corpus requests judged ({tally.Refused} refused, {tally.Accepted} accepted): the agreement would prove little.");
    }

    /// <summary>
    /// Operations whose well-formed requests the generator makes are all answered 404, by design: a
    /// way back's token that is not a live one is refused as an unknown journey is, and the generator
    /// holds none (each works once). Their refusals are still judged.
    /// </summary>
    static readonly IReadOnlySet<string> NoValidRequestKnown = new HashSet<string>(StringComparer.Ordinal) { "ResumeJourney" };

    [Fact]
    public async Task Boundaries_EveryRequestSchema_ServerAgrees()
    {
        KnownJourney ended = await EndedJourneyAsync();
        IReadOnlyList<BoundaryRequest> requests = BoundaryRequests.For(Schemas, ended, corpus.Targets.OperatorKey);
        var answers = new ConcurrentBag<(BoundaryRequest Request, RawResponse Response)>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (request, _) =>
            answers.Add((request, await RawHttp.SendAsync(corpus.Host.BaseAddress, request.Request, TimeSpan.FromSeconds(30)))));

        var tally = new Tally();
        var examples = new List<string>();
        foreach ((BoundaryRequest request, RawResponse response) in answers.OrderBy(answer => answer.Request.OperationId, StringComparer.Ordinal))
        {
            DocumentVerdict? verdict = DocumentVerdict.Of(Schemas, request.Path, request.Method, request.Request);
            tally.Judge($"{request.OperationId} {request.Name}", request.OperationId, verdict, response);
            if (request.Name == "example" && (verdict?.Valid != true || response.Status is 400 or >= 500))
            {
                examples.Add($"{request.OperationId}: the document's example is {(verdict?.Valid == true ? "valid" : "not valid: " + string.Join("; ", verdict?.Failures ?? ["not judged"]))}, the server answered {response.Status} {Excerpt(response)}");
            }
        }

        tally.Report(output);
        Assert.True(examples.Count == 0 && tally.Disagreements.IsEmpty,
            "Examples the document or the server refuses:\n  " + string.Join("\n  ", examples)
            + $"\n{tally.Disagreements.Count} of {requests.Count} boundary requests where the document and the server disagree:\n  " + string.Join("\n  ", tally.Disagreements.Take(60)));
        foreach (string operation in requests.Select(request => request.OperationId).Distinct())
        {
            bool acceptedOrCannotBe = tally.AcceptedBy(operation) > 0 || NoValidRequestKnown.Contains(operation);
            Assert.True(acceptedOrCannotBe && tally.RefusedBy(operation) > 0, $"{operation}: no boundary request was judged both ways (accepted {tally.AcceptedBy(operation)}, refused {tally.RefusedBy(operation)}).");
        }
    }

    /// <summary>A journey cancelled by its user: every input reaches validation, then its stage refuses it.</summary>
    async Task<KnownJourney> EndedJourneyAsync()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(corpus.Host.Http);
        using (HttpResponseMessage cancelled = await journey.SendAsync(HttpMethod.Delete, ""))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancelled.StatusCode);
        }

        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using HttpResponseMessage status = await journey.SendAsync(HttpMethod.Get, "");
            if ((await status.Content.ReadAsStringAsync()).Contains("\"stage\":\"cancelled\"", StringComparison.Ordinal))
            {
                return new KnownJourney(journey.JourneyId, journey.Token, journey.Email, journey.Phone, "");
            }

            Assert.True(DateTime.UtcNow < deadline, "The journey was not cancelled within 60 s.");
            await Task.Delay(250);
        }
    }

    static string Excerpt(RawResponse response) => response.Text.Length > 300 ? response.Text[..300] + "…" : response.Text;

    /// <summary>The verdicts compared so far, and where they differ.</summary>
    sealed class Tally
    {
        readonly Dictionary<string, (int Accepted, int Refused)> byOperation = new(StringComparer.Ordinal);

        public ConcurrentQueue<string> Disagreements { get; } = new();

        public int Accepted { get; private set; }

        public int Refused { get; private set; }

        public int NotJudged { get; private set; }

        public int AcceptedBy(string operation) => byOperation.GetValueOrDefault(operation).Accepted;

        public int RefusedBy(string operation) => byOperation.GetValueOrDefault(operation).Refused;

        public void Judge(string what, string operation, DocumentVerdict? document, RawResponse response)
        {
            // The server's verdict: 400 refuses; 2xx, 403 (the human check), 409 and 422 come only after the input passed validation.
            bool? refused = response.Status == 400 ? true : response.Status is (>= 200 and < 300) or 403 or 409 or 422 ? false : null;
            if (document is null || refused is null)
            {
                NotJudged++;
                return;
            }

            (int accepted, int refusedCount) = byOperation.GetValueOrDefault(operation);
            if (refused.Value)
            {
                Refused++;
                byOperation[operation] = (accepted, refusedCount + 1);
            }
            else
            {
                Accepted++;
                byOperation[operation] = (accepted + 1, refusedCount);
            }

            if (document.Valid && refused.Value)
            {
                string[] fields = ErrorFields(response);
                if (fields.Length == 0 || !fields.All(document.ProseFields.Contains))
                {
                    Disagreements.Enqueue($"{what}: the document accepts it, the server answered 400 {Excerpt(response)}");
                }
            }
            else if (!document.Valid && !refused.Value)
            {
                Disagreements.Enqueue($"{what}: the document refuses it ({string.Join("; ", document.Failures.Take(3))}), the server answered {response.Status}");
            }
        }

        public void Report(ITestOutputHelper output) =>
            output.WriteLine($"judged {Accepted + Refused} (accepted {Accepted}, refused {Refused}), not judged {NotJudged}, disagreements {Disagreements.Count}");

        static string[] ErrorFields(RawResponse response)
        {
            try
            {
                using JsonDocument problem = JsonDocument.Parse(response.Body);
                return problem.RootElement.TryGetProperty("errors", out JsonElement errors) && errors.ValueKind == JsonValueKind.Object
                    ? errors.EnumerateObject().Select(error => error.Name).ToArray()
                    : [];
            }
            catch (JsonException)
            {
                return [];
            }
        }
    }
}
