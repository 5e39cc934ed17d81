using Onboarding.Application.Orchestration;
using Onboarding.Domain.Journeys;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Orchestration;

/// <summary>
/// A released version decides forever what it decided when it was released: every scenario below runs
/// on every live version and its whole trace — each activity with its input, each timer, each wait,
/// each status, each continue-as-new — must equal the version's golden file
/// (Orchestration/Decisions/&lt;version&gt;/&lt;scenario&gt;.txt). A change to the version's code, or to
/// anything it calls (its activity bindings, the inbox, the timers, the domain's rules, the data
/// format), that changes a decision fails here, showing the first line that differs.
/// </summary>
[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class FrozenVersionTests
{
    /// <summary>
    /// Set to 1 to write the golden files a version does not have yet (a new version, before it is
    /// released). Existing files are never rewritten.
    /// </summary>
    const string RecordSwitch = "ONBOARDING_RECORD_GOLDEN";

    static readonly JourneyPolicy Tight = JourneyPolicy.Default with { MaxVerificationCycles = 2, MaxDepositAttempts = 1, MaxResends = 2 };

    static readonly IReadOnlyDictionary<string, Action<OrchestrationHarness>> Scenarios = new Dictionary<string, Action<OrchestrationHarness>>
    {
        ["verified-at-the-first-try"] = harness =>
        {
            harness.Start();
            harness.EnterPhoneCode(1);
            harness.ConfirmEmail();
            harness.SubmitProfile("profile");
            harness.RequestVerification(1);
            harness.EnterAmounts(1);
        },
        ["codes-wrong-resent-expired-then-the-profile-window-passes"] = harness =>
        {
            harness.Start();
            harness.EnterWrongPhoneCode();
            harness.Raise(new PhoneCodeResendRequested { InputId = "resend-1" });
            harness.FireNextTimer();
            harness.Raise(new PhoneCodeResendRequested { InputId = "resend-2" });
            harness.EnterPhoneCode(3);
            harness.Raise(new EmailLinkResendRequested { InputId = "link-resend" });
            harness.ConfirmEmail(2);
            harness.FireNextTimer(early: TimeSpan.FromSeconds(1));
            harness.FireNextTimer();
        },
        ["cycles-fail-locked-unlocked-verified"] = harness =>
        {
            harness.Registered();
            harness.RequestVerification(1);
            harness.EnterAmounts(1, right: false);
            harness.RequestVerification(2);
            harness.FireNextTimer(); // the reminder
            harness.FireNextTimer(); // the deadline: no cycle left
            harness.Raise(new JourneyUnlocked { InputId = "unlock" });
            harness.RequestVerification(3);
            harness.EnterAmounts(2); // typed for another cycle
            harness.EnterAmounts(3);
        },
        ["cancelled-by-the-user-while-registering"] = harness =>
        {
            harness.Start();
            harness.EnterPhoneCode(1);
            harness.Cancel();
        },
        ["terminated-by-an-operator-while-locked"] = harness =>
        {
            harness.Registered();
            harness.RequestVerification(1);
            harness.EnterAmounts(1, right: false);
            harness.RequestVerification(2);
            harness.EnterAmounts(2, right: false);
            harness.Cancel(byOperator: true);
        },
        ["a-step-fails-past-its-retries-then-goes-through"] = harness =>
        {
            harness.Fail(JourneyActivities.SendEmailLink, times: 2);
            harness.Start();
            harness.EnterPhoneCode(1);
            for (int pause = 0; pause < 2 && harness.LiveTimers > 0; pause++)
            {
                harness.FireNextTimer(); // the pause before the step is tried again (a version without pauses has failed)
            }

            harness.ConfirmEmail();
        },
    };

    public static TheoryData<string, string> VersionsAndScenarios()
    {
        var data = new TheoryData<string, string>();
        foreach (string version in JourneyVersions.Live)
        {
            foreach (string scenario in Scenarios.Keys)
            {
                data.Add(version, scenario);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VersionsAndScenarios))]
    public void Scenario_OnEveryLiveVersion_DecidesAsWhenTheVersionWasReleased(string version, string scenario)
    {
        var harness = new OrchestrationHarness(Tight, version) { StaysOnItsVersion = true };
        Scenarios[scenario](harness);
        string[] trace = [.. harness.Trace];

        string file = RepositoryRoot.File("Onboarding.Tests", "Orchestration", "Decisions", version.Length == 0 ? "v1" : $"v{version}", scenario + ".txt");
        if (!File.Exists(file))
        {
            Assert.True(Environment.GetEnvironmentVariable(RecordSwitch) == "1", $"{file} is missing: record a new version's decisions once with {RecordSwitch}=1, before it is released.");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllLines(file, trace);
        }

        string[] golden = File.ReadAllLines(file);
        int differs = Enumerable.Range(0, Math.Max(golden.Length, trace.Length))
            .FirstOrDefault(line => line >= golden.Length || line >= trace.Length || golden[line] != trace[line], -1);
        if (differs >= 0)
        {
            Assert.Fail($"Journey version '{version}' decides differently from when it was released ({scenario}, line {differs + 1}):\n released: {Line(golden, differs)}\n now:      {Line(trace, differs)}");
        }
    }

    [Theory]
    [MemberData(nameof(LiveVersions.All), MemberType = typeof(LiveVersions))]
    public void ActivityBindings_OfEveryLiveVersion_AreRegisteredByTheHostsWithTheSameTypes(string version)
    {
        foreach (IJourneyActivity binding in JourneyOrchestrator.ActivitiesOf(version))
        {
            IJourneyActivity? registered = JourneyActivities.All.SingleOrDefault(activity => activity.Name == binding.Name);
            Assert.True(registered is not null, $"Journey version '{version}' calls activity '{binding.Name}', which the hosts do not register (JourneyActivities.All).");
            Assert.True(
                registered.InputType == binding.InputType && registered.OutputType == binding.OutputType,
                $"Journey version '{version}' calls '{binding.Name}' with {binding.InputType.Name} -> {binding.OutputType.Name}; the hosts bind {registered.InputType.Name} -> {registered.OutputType.Name}. An activity whose types change gets a new name.");
        }
    }

    [Fact]
    public void ActivityBindings_EveryRegisteredActivity_IsCalledByALiveVersion()
    {
        string[] called = JourneyVersions.Live.SelectMany(JourneyOrchestrator.ActivitiesOf).Select(activity => activity.Name).Distinct().ToArray();

        Assert.All(JourneyActivities.All, activity => Assert.Contains(activity.Name, called));
    }

    [Fact]
    public void Harness_WaitForAnEventTheJourneyDoesNotKnow_FailsNamingIt()
    {
        var harness = new OrchestrationHarness();

        HarnessGap gap = Assert.Throws<HarnessGap>(() => { _ = harness.Context.WaitForExternalEvent<TermsAccepted>("TermsAccepted"); });

        Assert.Contains("'TermsAccepted'", gap.Message);
    }

    [Fact]
    public void Harness_ActivityItCannotAnswer_FailsNamingIt()
    {
        var harness = new OrchestrationHarness();

        HarnessGap gap = Assert.Throws<HarnessGap>(() => { _ = harness.Context.CallActivityAsync<TermsAccepted>("RecordTerms", "journey"); });

        Assert.Contains("'RecordTerms'", gap.Message);
    }

    static string Line(string[] lines, int index) => index < lines.Length ? lines[index] : "(nothing)";

    /// <summary>An event no version knows, as a new version might wait for one.</summary>
    sealed record TermsAccepted : JourneyInputEvent;
}
