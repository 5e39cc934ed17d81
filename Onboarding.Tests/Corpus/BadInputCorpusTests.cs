using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace Onboarding.Tests.Corpus;

/// <summary>
/// The bad-input corpus over every operation of <c>openapi.yaml</c> (read at test time, so new
/// routes are covered): malformed, truncated, oversized and wrongly typed bodies, odd unicode,
/// OData/SQL quotes, hostile ids, query strings, credentials, media types, headers and HTTP
/// framing. Every answer is a 4xx problem+json (never a 5xx), and the watched journeys do not change.
/// </summary>
[Collection(BadInputCorpusCollection.Name)]
public sealed class BadInputCorpusTests(BadInputCorpusFixture corpus, ITestOutputHelper output)
{
    public static TheoryData<string> Operations => new(CorpusOperation.Load().Select(operation => operation.OperationId));

    [Theory]
    [MemberData(nameof(Operations))]
    public void Corpus_EveryCaseOfTheOperation_4xxProblemJsonNever5xx(string operationId)
    {
        CorpusResult[] results = corpus.Results.Where(result => result.Case.OperationId == operationId).ToArray();
        Assert.NotEmpty(results);

        foreach (IGrouping<string, CorpusResult> category in results.GroupBy(result => result.Case.Category))
        {
            output.WriteLine($"{category.Key,-18} {category.Count(),4} cases  statuses {Histogram(category)}");
        }

        CorpusResult[] failed = results.Where(result => result.Failure is not null).ToArray();
        Assert.True(failed.Length == 0, $"{failed.Length} of {results.Length} corpus cases of {operationId} broke a rule:\n"
            + string.Join("\n", failed.Select(result => $"  {result.Case}\n      → {result.Failure}")));
    }

    [Fact]
    public void Corpus_ThrownAtTheirRoutes_WatchedJourneysKeepStatusRowHistoryAndOutbox()
    {
        Assert.NotEmpty(corpus.Watched);
        var changes = new StringBuilder();
        foreach ((string journey, string before, string after) in corpus.Watched)
        {
            string[] was = before.Split('\n');
            string[] now = after.Split('\n');
            for (int line = 0; line < Math.Max(was.Length, now.Length); line++)
            {
                string b = line < was.Length ? was[line] : "";
                string a = line < now.Length ? now[line] : "";
                if (b != a)
                {
                    changes.Append(journey).Append(" journey changed:\n    before: ").Append(b).Append("\n    after:  ").AppendLine(a);
                }
            }
        }

        Assert.True(changes.Length == 0, changes.ToString());
    }

    [Fact]
    public void Corpus_WholeRun_HostLogsNoErrors()
    {
        Assert.True(corpus.ErrorLogs.Count == 0, $"{corpus.ErrorLogs.Count} error log lines while the corpus ran:\n"
            + string.Join("\n", corpus.ErrorLogs.Take(10).Select(line => "  " + (line.Length > 1500 ? line[..1500] + "…" : line))));
    }

    [Fact]
    public void Corpus_EveryOperation_GetsTheCategoriesItsShapeCallsFor()
    {
        int requests = corpus.Results.Count;
        output.WriteLine($"{requests} corpus requests over {corpus.Operations.Count} operations in {corpus.CorpusTime.TotalSeconds:F1} s (setup {corpus.SetupTime.TotalSeconds:F1} s)");
        output.WriteLine($"answered by the HTTP server before the application (bodiless 4xx): {corpus.Results.Count(result => result.ServerLevel)}");
        foreach (IGrouping<string, CorpusResult> category in corpus.Results.GroupBy(result => result.Case.Category).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{category.Key,-18} {category.Count(),5}  statuses {Histogram(category)}");
        }

        output.WriteLine("slowest: " + string.Join("; ", corpus.Results.OrderByDescending(result => result.Elapsed).Take(5)
            .Select(result => $"{result.Case.OperationId} {result.Case} {result.Elapsed.TotalSeconds:F1} s")));

        var missing = new List<string>();
        foreach (CorpusOperation operation in corpus.Operations)
        {
            var categories = corpus.Results.Where(result => result.Case.OperationId == operation.OperationId)
                .Select(result => result.Case.Category).ToHashSet(StringComparer.Ordinal);
            var expected = new List<string> { "headers" };
            if (operation.HasJourneyId)
            {
                expected.Add("ids");
            }

            if (operation.Credential != Credential.None)
            {
                expected.Add("credentials");
            }

            if (operation.TakesJson)
            {
                expected.AddRange(["json-syntax", "json-shape", "json-types", "unicode", "text", "size", "framing", "media-type"]);
            }

            if (operation.TakesForm)
            {
                expected.Add("form");
            }

            if (operation.Query.Any(parameter => parameter.Name != "token"))
            {
                expected.Add("query");
            }

            if (operation.HeaderParameters.Any())
            {
                expected.Add("header-parameter");
            }

            missing.AddRange(expected.Where(category => !categories.Contains(category)).Select(category => $"{operation}: {category}"));
        }

        Assert.True(missing.Count == 0, "Categories without a case:\n  " + string.Join("\n  ", missing));
        Assert.True(corpus.Results.Count(result => result.Case.Expect == Expect.Reject && result.Response.Status is >= 400 and < 500) > requests / 2,
            "Most of the corpus should be refused with a 4xx.");
    }

    static string Histogram(IEnumerable<CorpusResult> results) =>
        string.Join(" ", results.GroupBy(result => result.Response.Status).OrderBy(group => group.Key)
            .Select(group => $"{group.Key.ToString(CultureInfo.InvariantCulture)}×{group.Count()}"));
}
