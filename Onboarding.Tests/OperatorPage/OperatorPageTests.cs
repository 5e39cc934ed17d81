using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Onboarding.Tests.Browser;
using Onboarding.Tests.Support;
using Xunit.Abstractions;

namespace Onboarding.Tests.OperatorPage;

/// <summary>
/// The operator page (<c>GET /ops</c>) in Chromium (through Playwright) against a real local host: the key
/// prompt, the journey list with its filters and paging, a journey's detail with its audit trail,
/// the actions, and the funnel chart. Set <c>ONBOARDING_SCREENSHOTS</c> to a folder to keep
/// screenshots of the steps; a failing test always leaves one in the temp folder.
/// </summary>
public sealed class OperatorPageTests(OperatorPageFixture fixture, ITestOutputHelper output) : IClassFixture<OperatorPageFixture>
{
    static readonly string[] StageOrder = Contract.JourneyFacts.Stages;

    const string ListReady = "document.getElementById('journeys').dataset.state === 'ready' && document.documentElement.dataset.pending === '0'";
    const string DetailReady = "document.getElementById('detail').dataset.state === 'ready' && document.documentElement.dataset.pending === '0'";
    const string FunnelReady = "document.getElementById('funnel').dataset.state === 'ready' && document.documentElement.dataset.pending === '0'";

    readonly LocalHostInstance host = fixture.Host;
    readonly Uri pageUrl = new(fixture.Host.BaseAddress, "/ops");

    [Fact]
    public async Task OperatorPage_WithTheKey_ListsFiltersPagesShowsDetailActsAndDrawsTheFunnel()
    {
        var elapsed = Stopwatch.StartNew();
        JourneyDriver first = await JourneyDriver.StartAsync(host.Http);
        JourneyDriver second = await JourneyDriver.StartAsync(host.Http);
        JourneyDriver registered = await JourneyDriver.StartAsync(host.Http);
        await registered.RegisterAsync();
        await WaitForFunnelAsync(new() { ["awaitingPhoneCode"] = 2, ["registered"] = 1 });
        output.WriteLine($"journeys ready after {elapsed.Elapsed.TotalSeconds:0.0} s");

        await using BrowserTab tab = await fixture.Browser.OpenAsync(1366, 900);
        IPage page = tab.Page;
        await RunAsync(tab, "list", async () =>
        {
            // The page asks for the key first, and shows nothing else.
            await page.GotoAsync(pageUrl.ToString());
            await tab.WaitForAsync("document.documentElement.dataset.ready === 'true'", "the page's script to start");
            Assert.True(await page.EvaluateAsync<bool>("!document.getElementById('key-section').hidden && document.getElementById('app').hidden"), "the key prompt comes first");

            await FillAsync(page, "#key-input", LocalHostInstance.OperatorKey);
            await ClickAsync(page, "#key-submit");
            await tab.WaitForAsync(ListReady, "the journey list");
            await tab.WaitForAsync(FunnelReady, "the funnel");
            Assert.True(await page.EvaluateAsync<bool>("document.getElementById('key-section').hidden && !document.getElementById('app').hidden"), "the app shows once the key is given");
            Assert.Equal(LocalHostInstance.OperatorKey, await page.EvaluateAsync<string>($"sessionStorage.getItem('onboarding.operatorKey')"));
            Assert.Equal(0, await page.EvaluateAsync<int>("localStorage.length"));
            Assert.Equal("", await page.EvaluateAsync<string>("document.cookie"));
            Assert.Equal("none", await page.EvaluateAsync<string>("getComputedStyle(document.getElementById('message')).display"));

            // All three journeys, newest first, with their masked contact data and Durable's status.
            Row[] rows = await RowsAsync(page);
            Assert.Equal([registered.JourneyId, second.JourneyId, first.JourneyId], rows.Select(row => row.Id));
            Row shown = rows[0];
            Assert.Equal("registered", shown.Stage);
            Assert.Equal(registered.StartStatus.GetProperty("email").GetString(), shown.Email);
            Assert.Equal(registered.StartStatus.GetProperty("phoneNumber").GetString(), shown.Phone);
            Assert.Equal(registered.StartStatus.GetProperty("region").GetString(), shown.Region);
            Assert.Equal("en", shown.Language);
            Assert.Equal("running", shown.RuntimeStatus);
            Assert.DoesNotContain(registered.Email, shown.Email, StringComparison.Ordinal);
            Assert.All(rows.Skip(1), row => Assert.Equal("awaitingPhoneCode", row.Stage));

            // The stage filter offers every stage and narrows the list.
            string[] options = await page.EvaluateAsync<string[]>("[...document.querySelectorAll('#filter-stage option')].map(o => o.value)");
            Assert.Equal(["", .. StageOrder], options);
            await FilterAsync(tab, stage: "registered");
            Assert.Equal([registered.JourneyId], (await RowsAsync(page)).Select(row => row.Id));
            await FilterAsync(tab, stage: "awaitingPhoneCode");
            Assert.Equal([second.JourneyId, first.JourneyId], (await RowsAsync(page)).Select(row => row.Id));
            await FilterAsync(tab, stage: "verified");
            Assert.Empty(await RowsAsync(page));
            Assert.True(await page.EvaluateAsync<bool>("!!document.querySelector('[data-testid=journeys-empty]')"), "an empty page says so");

            // A creation-time range that ends before the journeys were created finds none.
            await FilterAsync(tab, stage: "", createdTo: "2020-01-01T00:00");
            Assert.Empty(await RowsAsync(page));

            // Paging: one journey a page, following continuationToken to the end.
            await FilterAsync(tab, stage: "", pageSize: "1");
            var paged = new List<string>();
            while (true)
            {
                Row[] one = await RowsAsync(page);
                Assert.Single(one);
                paged.Add(one[0].Id);
                if (await page.EvaluateAsync<bool>("document.getElementById('page-next').disabled"))
                {
                    break;
                }

                Assert.True(paged.Count < 5, "paging does not end");
                await ClickAsync(page, "#page-next");
                await tab.WaitForAsync(ListReady, "the next page");
            }

            Assert.Equal([registered.JourneyId, second.JourneyId, first.JourneyId], paged);
            await ClickAsync(page, "#filter-reset");
            await tab.WaitForAsync(ListReady, "the list without filters");
            Assert.Equal(3, (await RowsAsync(page)).Length);
        });

        await RunAsync(tab, "detail", async () =>
        {
            // Clicking a row opens the detail with the status fields and the audit trail.
            await ClickAsync(page, $"tr[data-journey-id='{registered.JourneyId}'] td:first-child");
            await tab.WaitForAsync($"{DetailReady} && document.getElementById('detail').dataset.journeyId === '{registered.JourneyId}'", "the journey's detail");
            Assert.Equal(registered.JourneyId, await TextAsync(page, "#detail-id"));
            Assert.Equal("registered", await TextAsync(page, "[data-testid=detail-stage]"));
            Assert.Equal("running", await TextAsync(page, "[data-testid=detail-runtimeStatus]"));
            Assert.Equal(registered.StartStatus.GetProperty("email").GetString(), await TextAsync(page, "[data-testid=detail-email]"));
            Assert.Equal("not started", await TextAsync(page, "[data-testid=detail-verification]"));
            Assert.Equal("none", await TextAsync(page, "[data-testid=detail-lastError]"));

            AuditRow[] events = await EventsAsync(page);
            Assert.Contains(events, e => e.Type == "stage-changed" && e.Detail.Contains("awaitingProfile → registered", StringComparison.Ordinal));
            Assert.Contains(events, e => e.Type == "stage-changed" && e.Detail.Contains("awaitingPhoneCode → awaitingEmailConfirmation", StringComparison.Ordinal));
            Assert.Contains(events, e => e.Type == "message-sent");
            Assert.All(events, e => Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", e.At));
            Assert.All(events, e => Assert.DoesNotContain(registered.Email, e.Detail, StringComparison.OrdinalIgnoreCase));

            // The events the journey published, in sequence.
            string[] published = await page.EvaluateAsync<string[]>(
                "[...document.querySelectorAll('[data-testid=published-row]')].map(row => row.cells[0].textContent + ' ' + row.cells[1].textContent)");
            Assert.Equal(["1 started", "2 phoneConfirmed", "3 emailConfirmed", "4 registered"], published);
            await page.EvaluateAsync("document.getElementById('published-table').scrollIntoView({ block: 'center', behavior: 'instant' })");
            await SaveScreenshotAsync(tab, "published-events");
            await page.EvaluateAsync("document.getElementById('detail').scrollIntoView({ block: 'start', behavior: 'instant' })");

            // The actions a registered journey allows: terminate and erase, no unlock.
            Assert.False(await page.EvaluateAsync<bool>("document.getElementById('action-terminate').disabled"));
            Assert.True(await page.EvaluateAsync<bool>("document.getElementById('action-unlock').hidden"));
            Assert.Equal("true", await page.EvaluateAsync<string>($"document.querySelector(\"tr[data-journey-id='{registered.JourneyId}']\").getAttribute('aria-current')"));
        });

        await RunAsync(tab, "funnel", async () =>
        {
            FunnelBar[] bars = await FunnelAsync(page);
            Assert.Equal(StageOrder, bars.Select(bar => bar.Stage));
            Assert.Equal("side-by-side", await page.EvaluateAsync<string>("document.getElementById('funnel-svg').dataset.layout"));
            Dictionary<string, int> counts = bars.ToDictionary(bar => bar.Stage, bar => bar.Count);
            Assert.Equal(2, counts["awaitingPhoneCode"]);
            Assert.Equal(1, counts["registered"]);
            Assert.Equal(3, counts.Values.Sum());
            Assert.All(bars, bar => Assert.Equal(bar.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), bar.Text));
            Assert.All(bars.Where(bar => bar.Count == 0), bar => Assert.Equal(0, bar.Width));
            Assert.True(bars.Single(bar => bar.Stage == "awaitingPhoneCode").Width > bars.Single(bar => bar.Stage == "registered").Width, "bars are as long as their counts");
            Assert.Equal("Total: 3 journeys", await TextAsync(page, "#funnel-total"));
            Assert.Contains("awaitingPhoneCode 2", await TextAsync(page, "#funnel-svg title"), StringComparison.Ordinal);
            await SaveScreenshotAsync(tab, "list-detail-funnel");
        });

        await RunAsync(tab, "terminate", async () =>
        {
            // Terminate asks for a reason; the reason is shown as text, never as markup.
            const string reason = "<img id=\"injected\" src=\"x\"> & \"duplicate\"";
            await ClickAsync(page, $"tr[data-journey-id='{first.JourneyId}'] [data-testid=journey-open]");
            await tab.WaitForAsync($"{DetailReady} && document.getElementById('detail').dataset.journeyId === '{first.JourneyId}'", "the first journey's detail");
            await ClickAsync(page, "#action-terminate");
            Assert.True(await page.EvaluateAsync<bool>("!document.getElementById('terminate-panel').hidden && document.getElementById('terminate-confirm').disabled"), "terminate waits for a reason");
            await FillAsync(page, "#terminate-reason", reason);
            await ClickAsync(page, "#terminate-confirm");
            await tab.WaitForAsync("document.getElementById('message').dataset.kind === 'success' || document.getElementById('message').dataset.kind === 'info'", "the terminate answer");
            await tab.WaitForAsync(
                "(document.getElementById('detail').dataset.stage === 'cancelled' && document.documentElement.dataset.pending === '0') || (document.documentElement.dataset.pending === '0' && document.getElementById('detail-refresh').click(), false)",
                "the journey to be cancelled", TimeSpan.FromSeconds(30));
            await tab.WaitForAsync(DetailReady, "the detail");
            AuditRow terminated = Assert.Single(await EventsAsync(page), e => e.Type == "operator-terminated");
            Assert.Equal($"reason: {reason}; by automation (operator key)", terminated.Detail);
            Assert.False(await page.EvaluateAsync<bool>("!!document.getElementById('injected')"), "the reason was rendered as markup");
            Assert.True(await page.EvaluateAsync<bool>("document.getElementById('action-terminate').disabled"), "a cancelled journey cannot be terminated again");

            // The funnel follows (the projection is written by the journey, so look again until it has).
            await tab.WaitForAsync(
                $"({FunnelReady} && document.querySelector('[data-testid=funnel-count-cancelled]').textContent === '1' && document.querySelector('[data-testid=funnel-count-awaitingPhoneCode]').textContent === '1') || (document.documentElement.dataset.pending === '0' && document.getElementById('funnel-refresh').click(), false)",
                "the funnel to count the cancelled journey", TimeSpan.FromSeconds(30));
        });

        await RunAsync(tab, "erase", async () =>
        {
            // Erase needs the first 6 characters of the id typed in.
            await ClickAsync(page, $"tr[data-journey-id='{second.JourneyId}'] [data-testid=journey-open]");
            await tab.WaitForAsync($"{DetailReady} && document.getElementById('detail').dataset.journeyId === '{second.JourneyId}'", "the second journey's detail");
            await ClickAsync(page, "#action-erase");
            Assert.True(await page.EvaluateAsync<bool>("document.getElementById('erase-confirm').disabled"), "erase waits for the confirmation");
            await FillAsync(page, "#erase-confirm-input", first.JourneyId[..6] == second.JourneyId[..6] ? "zzzzzz" : first.JourneyId[..6]);
            Assert.True(await page.EvaluateAsync<bool>("document.getElementById('erase-confirm').disabled"), "the wrong id does not confirm");
            await FillAsync(page, "#erase-confirm-input", second.JourneyId[..6]);
            Assert.False(await page.EvaluateAsync<bool>("document.getElementById('erase-confirm').disabled"), "the right id confirms");
            await ClickAsync(page, "#message-close");
            await ClickAsync(page, "#erase-confirm");
            const string Message = "document.getElementById('message').textContent";
            for (int attempt = 1; ; attempt++)
            {
                await tab.WaitForAsync($"({Message}.includes('was erased') && {ListReady} && {FunnelReady}) || ({Message}.includes('(503 unavailable)') && document.documentElement.dataset.pending === '0')", "the erase answer", TimeSpan.FromSeconds(60));
                if (!await page.EvaluateAsync<bool>($"{Message}.includes('(503 unavailable)')"))
                {
                    break;
                }

                // On a busy machine the erase can outlast the request's deadline (503, as documented): the operator
                // erases again, which goes on where the first stopped — or finds the journey gone (404) if that one finished.
                output.WriteLine($"the erase answered 503 (attempt {attempt}); erasing again");
                Assert.True(attempt < 5, "the erase answered 503 five times");
                await ClickAsync(page, "#message-close");
                await FillAsync(page, "#erase-confirm-input", second.JourneyId[..6]);
                await ClickAsync(page, "#erase-confirm");
                await tab.WaitForAsync($"{Message}.length > 0 && document.documentElement.dataset.pending === '0'", "the erase's second answer", TimeSpan.FromSeconds(60));
                if (await page.EvaluateAsync<bool>($"{Message}.includes('(404 journey-not-found)')"))
                {
                    await ClickAsync(page, "#detail-close");
                    await ClickAsync(page, "#journeys-refresh");
                    await tab.WaitForAsync(ListReady, "the list after the erase", TimeSpan.FromSeconds(30));
                    break;
                }
            }

            Assert.True(await page.EvaluateAsync<bool>("document.getElementById('detail').hidden"), "the erased journey's detail closes");
            Assert.DoesNotContain(second.JourneyId, (await RowsAsync(page)).Select(row => row.Id));
            using HttpResponseMessage gone = await OpsGetAsync($"/api/ops/journeys/{second.JourneyId}");
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        });

        Assert.Empty(PageProblems(tab));
        output.WriteLine($"done after {elapsed.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task OperatorPage_LockedJourney_OffersTerminateAndUnlock()
    {
        JourneyDriver locked = await JourneyDriver.StartAsync(host.Http);
        await locked.RegisterAsync();
        for (int cycle = 1; (await locked.StatusAsync()).GetProperty("stage").GetString() != "locked"; cycle++)
        {
            JsonElement started = await locked.ApplyAsync("/verification", Builders.BankDetails(locked.AccountNumber), "awaitingDepositAmounts");
            string[] wrong = JourneyDriver.WrongAmounts(await locked.DepositAmountsAsync(cycle));
            for (int attempt = started.GetProperty("attemptsRemaining").GetInt32(); attempt > 1; attempt--)
            {
                await locked.ApplyAsync("/deposit-amounts", new { amounts = wrong }, "awaitingDepositAmounts");
            }

            (HttpStatusCode status, JsonElement last) = await locked.PostJsonAsync("/deposit-amounts", new { amounts = wrong });
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Accepted, $"the cycle's last wrong amounts: {(int)status} {last}");
            await locked.WaitForStageAsync(cycle == 3 ? "locked" : "registered", TimeSpan.FromSeconds(90));
        }

        await using BrowserTab tab = await fixture.Browser.OpenAsync(1366, 900);
        IPage page = tab.Page;
        await RunAsync(tab, "locked", async () =>
        {
            await page.GotoAsync(pageUrl.ToString());
            await tab.WaitForAsync("document.documentElement.dataset.ready === 'true'", "the page's script to start");
            await FillAsync(page, "#key-input", LocalHostInstance.OperatorKey);
            await ClickAsync(page, "#key-submit");
            await tab.WaitForAsync(ListReady, "the journey list");
            await ClickAsync(page, $"tr[data-journey-id='{locked.JourneyId}'] [data-testid=journey-open]");
            await tab.WaitForAsync($"{DetailReady} && document.getElementById('detail').dataset.journeyId === '{locked.JourneyId}'", "the locked journey's detail");

            // The domain lets a locked journey be cancelled (terminated) as well as unlocked: the page offers both.
            Assert.Equal("locked", await TextAsync(page, "[data-testid=detail-stage]"));
            Assert.False(await page.EvaluateAsync<bool>("document.getElementById('action-terminate').disabled"), "a locked journey may be terminated");
            Assert.False(await page.EvaluateAsync<bool>("document.getElementById('action-unlock').hidden || document.getElementById('action-unlock').disabled"), "a locked journey may be unlocked");
        });

        Assert.Empty(PageProblems(tab));
    }

    [Fact]
    public async Task OperatorPage_WrongKeyThenForget_AsksForTheKeyAgainAndShowsProblems()
    {
        await using BrowserTab tab = await fixture.Browser.OpenAsync(390, 844);
        IPage page = tab.Page;
        await RunAsync(tab, "wrong-key", async () =>
        {
            await page.GotoAsync(pageUrl.ToString());
            await tab.WaitForAsync("document.documentElement.dataset.ready === 'true'", "the page's script to start");

            // A wrong key: the API's 401 brings the prompt back, with the reason, and the key is not kept.
            await FillAsync(page, "#key-input", "not-the-key");
            await ClickAsync(page, "#key-submit");
            await tab.WaitForAsync("!document.getElementById('key-section').hidden && document.getElementById('message').dataset.kind === 'error' && document.documentElement.dataset.pending === '0'", "the key prompt again");
            Assert.Contains("not accepted", await TextAsync(page, "#message"), StringComparison.Ordinal);
            Assert.Contains("Send a valid operator key", await TextAsync(page, "#message"), StringComparison.Ordinal);
            Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('onboarding.operatorKey')"));

            // The right key; then an unknown journey shows the API's problem.
            await FillAsync(page, "#key-input", LocalHostInstance.OperatorKey);
            await ClickAsync(page, "#key-submit");
            await tab.WaitForAsync($"{ListReady} && {FunnelReady}", "the app");
            await FillAsync(page, "#open-id", "<b>no-such-journey</b>");
            await ClickAsync(page, "#open-id-button");
            await tab.WaitForAsync("document.getElementById('message').dataset.kind === 'error'", "the page's own check");
            Assert.Contains("A journey id is 32 characters", await TextAsync(page, "#message"), StringComparison.Ordinal);
            await FillAsync(page, "#open-id", "0123456789abcdef0123456789abcdef");
            await ClickAsync(page, "#open-id-button");
            await tab.WaitForAsync("document.getElementById('message').textContent.includes('Journey not found.') && document.documentElement.dataset.pending === '0'", "the problem");
            Assert.Equal("alert", await page.EvaluateAsync<string>("document.getElementById('message').getAttribute('role')"));
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page fits a phone's width (the table scrolls inside its box)");
            Assert.Equal("stacked", await page.EvaluateAsync<string>("document.getElementById('funnel-svg').dataset.layout"));
            await SaveScreenshotAsync(tab, "phone-problem");

            // Forget key: gone from session storage, data cleared, prompt shown.
            await ClickAsync(page, "#forget-key");
            Assert.True(await page.EvaluateAsync<bool>("!document.getElementById('key-section').hidden && document.getElementById('app').hidden"), "the prompt shows after forgetting");
            Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('onboarding.operatorKey')"));
            Assert.Equal(0, await page.EvaluateAsync<int>("document.querySelectorAll('#journeys-body tr').length"));
        });

        Assert.Empty(PageProblems(tab));
    }

    [Fact]
    public async Task OperatorPage_IdsAsShownOrPastedRangesAndTheKey_WorkAndSayWhatIsWrong()
    {
        // A host of its own: the other tests count the journeys of theirs.
        await using LocalHostInstance own = await LocalHostInstance.StartAsync(Onboarding.LocalHost.Durable.DurableBackend.InMemory);
        JourneyDriver journey = await JourneyDriver.StartAsync(own.Http);
        await WaitUntilListedAsync(own, journey.JourneyId);
        await using BrowserTab tab = await fixture.Browser.OpenAsync(1366, 900);
        IPage page = tab.Page;
        await RunAsync(tab, "ids-ranges-key", async () =>
        {
            // Loading the page asks nothing of the API, so the browser reports nothing; the key is masked.
            await page.GotoAsync(new Uri(own.BaseAddress, "/ops").ToString());
            await tab.WaitForAsync("document.documentElement.dataset.ready === 'true'", "the page's script to start");
            Assert.Empty(tab.Problems);
            Assert.Equal("password", await page.GetAttributeAsync("#key-input", "type"));
            await FillAsync(page, "#key-input", LocalHostInstance.OperatorKey);
            Assert.Equal("password", await page.EvaluateAsync<string>("document.getElementById('key-input').type"));
            await ClickAsync(page, "#key-submit");
            await tab.WaitForAsync($"{ListReady} && {FunnelReady}", "the app");
            Assert.Empty(tab.Problems);

            // The id as the list shows it, and pasted whole in capitals with spaces around: both open the journey.
            string shown = await TextAsync(page, $"tr[data-journey-id='{journey.JourneyId}'] [data-testid=journey-open]");
            Assert.EndsWith("…", shown, StringComparison.Ordinal);
            foreach (string typed in new[] { shown, $"  {journey.JourneyId.ToUpperInvariant()} " })
            {
                if (await page.IsVisibleAsync("#detail-close"))
                {
                    await ClickAsync(page, "#detail-close");
                }

                await FillAsync(page, "#open-id", typed);
                await ClickAsync(page, "#open-id-button");
                await tab.WaitForAsync($"{DetailReady} && document.getElementById('detail').dataset.journeyId === '{journey.JourneyId}'", $"the journey opened by '{typed}'");
            }

            // Erase confirms with the id as shown, too (it starts with the journey's first 6 characters).
            await ClickAsync(page, "#action-erase");
            await FillAsync(page, "#erase-confirm-input", shown);
            Assert.False(await page.EvaluateAsync<bool>("document.getElementById('erase-confirm').disabled"), "the id as shown confirms");
            await FillAsync(page, "#erase-confirm-input", journey.JourneyId[..5]);
            Assert.True(await page.EvaluateAsync<bool>("document.getElementById('erase-confirm').disabled"), "fewer than 6 characters do not confirm");
            await ClickAsync(page, "#erase-cancel");

            // A range that ends before it begins is said to be one, on the list and on the funnel.
            await FillAsync(page, "#filter-from", "2026-12-01T00:00");
            await FillAsync(page, "#filter-to", "2026-11-01T00:00");
            await ClickAsync(page, "#filter-apply");
            await tab.WaitForAsync("document.getElementById('message').dataset.kind === 'error'", "the range's problem");
            Assert.Contains("before", await TextAsync(page, "#message"), StringComparison.Ordinal);
            Assert.Equal("true", await page.GetAttributeAsync("#filter-to", "aria-invalid"));
            await ClickAsync(page, "#message-close");
            await FillAsync(page, "#funnel-from", "2026-12-01T00:00");
            await FillAsync(page, "#funnel-to", "2026-11-01T00:00");
            await ClickAsync(page, "#funnel-refresh");
            await tab.WaitForAsync("document.getElementById('message').dataset.kind === 'error'", "the funnel range's problem");
            Assert.Contains("before", await TextAsync(page, "#message"), StringComparison.Ordinal);
            Assert.Equal("true", await page.GetAttributeAsync("#funnel-to", "aria-invalid"));
            await SaveScreenshotAsync(tab, "reversed-range");
        });

        Assert.Empty(tab.Problems);
    }

    [Fact]
    public async Task OperatorPage_StrictPolicy_NoInlineScriptOrStyleAndThePageStillWorks()
    {
        // The page and its two files carry a policy that allows script and style from this origin only.
        foreach (string path in new[] { "/ops", "/ops/ops.js", "/ops/ops.css" })
        {
            using HttpResponseMessage response = await host.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            string policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
            Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
            Assert.Contains("style-src 'self';", policy, StringComparison.Ordinal);
            Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        }

        using (HttpResponseMessage script = await host.Http.GetAsync("/ops/ops.js"))
        {
            Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        }

        using (HttpResponseMessage styles = await host.Http.GetAsync("/ops/ops.css"))
        {
            Assert.Equal("text/css", styles.Content.Headers.ContentType?.MediaType);
        }

        using (HttpResponseMessage missing = await host.Http.GetAsync("/ops/ops.html"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        }

        // No inline code left in the markup for the policy to block.
        string html = await host.Http.GetStringAsync("/ops");
        Assert.DoesNotMatch(@"<script(?![^>]*\ssrc=)", html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"\sstyle\s*=", html);
        Assert.DoesNotMatch(@"\son[a-z]+\s*=", html);

        // In Chromium, the policy enforced: the script runs, the stylesheet applies, nothing is refused.
        await using BrowserTab tab = await fixture.Browser.OpenAsync(1366, 900);
        IPage page = tab.Page;
        await page.AddInitScriptAsync("window.cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
        await RunAsync(tab, "strict-policy", async () =>
        {
            await page.GotoAsync(pageUrl.ToString());
            await tab.WaitForAsync("document.documentElement.dataset.ready === 'true'", "the page's script to start");
            Assert.Equal("rgb(20, 35, 60)", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('header.bar')).backgroundColor"));
            Assert.Equal("90px", await page.EvaluateAsync<string>("getComputedStyle(document.getElementById('filter-page-size')).width"));

            // Inline script is refused on this page: an injected one would not run either.
            await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.injected = true'; document.body.append(s); }");
            await tab.WaitForAsync("window.cspViolations.some(v => v.startsWith('script-src'))", "the injected script's refusal");
            Assert.False(await page.EvaluateAsync<bool>("window.injected === true"), "an inline script ran");
            await page.EvaluateAsync("() => { window.cspViolations = []; }");

            await FillAsync(page, "#key-input", LocalHostInstance.OperatorKey);
            await ClickAsync(page, "#key-submit");
            await tab.WaitForAsync($"{ListReady} && {FunnelReady}", "the app");
            Assert.Empty(await page.EvaluateAsync<string[]>("window.cspViolations"));
        });

        // What the browser reported: only the refusal of the script injected on purpose.
        Assert.DoesNotContain(tab.Problems, problem => !problem.Contains("Content Security Policy", StringComparison.Ordinal) || !problem.Contains("inline script", StringComparison.OrdinalIgnoreCase));
    }

    static async Task WaitUntilListedAsync(LocalHostInstance on, string journeyId)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/ops/journeys?pageSize=100");
            request.Headers.Add("x-functions-key", LocalHostInstance.OperatorKey);
            using HttpResponseMessage response = await on.Http.SendAsync(request);
            if ((await response.Content.ReadAsStringAsync()).Contains(journeyId, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"journey {journeyId} was never listed");
    }

    /// <summary>What the browser reported, less the failed requests the tests cause on purpose (401, 404).</summary>
    static string[] PageProblems(BrowserTab tab) =>
        tab.Problems.Where(problem => !problem.StartsWith("console error: Failed to load resource", StringComparison.Ordinal)).ToArray();

    async Task RunAsync(BrowserTab tab, string step, Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception)
        {
            string path = Path.Combine(Path.GetTempPath(), $"onboarding-ops-failed-{step}-{DateTime.UtcNow:HHmmss}.png");
            try
            {
                await File.WriteAllBytesAsync(path, await tab.Page.ScreenshotAsync());
                output.WriteLine($"step '{step}' failed; screenshot: {path}");
            }
            catch (Exception screenshotFailure) when (screenshotFailure is PlaywrightException or TimeoutException or IOException)
            {
                output.WriteLine($"step '{step}' failed; no screenshot: {screenshotFailure.Message}");
            }

            output.WriteLine("browser problems:\n" + string.Join("\n", tab.Problems));
            throw;
        }
    }

    async Task SaveScreenshotAsync(BrowserTab tab, string name)
    {
        string? folder = Environment.GetEnvironmentVariable("ONBOARDING_SCREENSHOTS");
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name + ".png");
        await File.WriteAllBytesAsync(path, await tab.Page.ScreenshotAsync());
        output.WriteLine($"screenshot: {path}");
    }

    async Task<HttpResponseMessage> OpsGetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-functions-key", LocalHostInstance.OperatorKey);
        return await host.Http.SendAsync(request);
    }

    /// <summary>Waits until the projection counts the journeys (each journey writes it after its stage changes).</summary>
    async Task WaitForFunnelAsync(Dictionary<string, int> expected)
    {
        var waited = Stopwatch.StartNew();
        string last = "";
        while (waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            using HttpResponseMessage response = await OpsGetAsync("/api/ops/funnel");
            JsonElement funnel = await JourneyDriver.ReadJsonAsync(response);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Dictionary<string, int> counts = funnel.GetProperty("stages").EnumerateObject().Where(stage => stage.Value.GetInt32() > 0).ToDictionary(stage => stage.Name, stage => stage.Value.GetInt32());
            if (counts.Count == expected.Count && expected.All(pair => counts.GetValueOrDefault(pair.Key) == pair.Value))
            {
                return;
            }

            last = funnel.GetRawText();
            await Task.Delay(100);
        }

        Assert.Fail($"the funnel never counted {JsonSerializer.Serialize(expected)}; last: {last}");
    }

    /// <summary>Playwright builds no records: read the value as JSON and deserialise it.</summary>
    static async Task<T> EvaluateJsonAsync<T>(IPage page, string expression) =>
        (await page.EvaluateAsync<JsonElement>(expression)).Deserialize<T>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    static Task ClickAsync(IPage page, string selector) => page.Locator(selector).First.ClickAsync();

    static async Task FillAsync(IPage page, string selector, string value)
    {
        ILocator element = page.Locator(selector).First;
        if (await element.EvaluateAsync<string>("e => e.tagName") == "SELECT")
        {
            await element.SelectOptionAsync(value);
        }
        else
        {
            await element.FillAsync(value);
        }
    }

    static async Task<string> TextAsync(IPage page, string selector) => ((await page.Locator(selector).First.TextContentAsync()) ?? "").Trim();

    static async Task FilterAsync(BrowserTab tab, string stage, string createdTo = "", string pageSize = "25")
    {
        IPage page = tab.Page;
        await FillAsync(page, "#filter-stage", stage);
        await FillAsync(page, "#filter-to", createdTo);
        await FillAsync(page, "#filter-page-size", pageSize);
        await ClickAsync(page, "#filter-apply");
        await tab.WaitForAsync(ListReady, $"the list filtered by stage '{stage}'");
    }

    static async Task<Row[]> RowsAsync(IPage page) => await EvaluateJsonAsync<Row[]>(page, 
        """
        [...document.querySelectorAll('#journeys-body tr[data-journey-id]')].map(row => {
          const cell = name => row.querySelector(`[data-field=${name}]`).textContent.trim();
          return { id: row.dataset.journeyId, stage: cell('stage'), region: cell('region'), language: cell('language'),
                   email: cell('email'), phone: cell('phoneNumber'), runtimeStatus: cell('runtimeStatus') };
        })
        """);

    static async Task<AuditRow[]> EventsAsync(IPage page) => await EvaluateJsonAsync<AuditRow[]>(page, 
        """
        [...document.querySelectorAll('#events-body tr[data-testid=event-row]')].map(row => ({
          at: row.cells[0].textContent.trim(), type: row.cells[1].textContent.trim(), detail: row.cells[2].textContent
        }))
        """);

    static async Task<FunnelBar[]> FunnelAsync(IPage page) => await EvaluateJsonAsync<FunnelBar[]>(page, 
        """
        [...document.querySelectorAll('#funnel-svg g[data-testid=funnel-bar]')].map(g => ({
          stage: g.dataset.stage,
          count: Number(g.dataset.count),
          text: g.querySelector('text.count').textContent,
          width: g.querySelector('rect.bar').getBBox().width
        }))
        """);

    sealed record Row(string Id, string Stage, string Region, string Language, string Email, string Phone, string RuntimeStatus);

    sealed record AuditRow(string At, string Type, string Detail);

    sealed record FunnelBar(string Stage, int Count, string Text, double Width);
}
