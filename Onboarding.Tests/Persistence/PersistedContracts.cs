using System.Reflection;
using Onboarding.Application.Orchestration;
using Onboarding.Domain.Journeys;

namespace Onboarding.Tests.Persistence;

/// <summary>
/// Everything Durable stores for a journey of a version — its input and continuation, its output, its
/// custom status, the events it waits for, the inputs and outputs of the activities it calls — with
/// one sample of each, every member set, enums at their last member (where a renumbering shows first).
/// </summary>
public static class PersistedContracts
{
    const string JourneyId = "0123456789abcdef0123456789abcdef";
    static readonly DateTime At = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

    static readonly JourneyProgress Progress = new(
        JourneyStage.Cancelled, At.AddDays(2), 2, 1, new VerificationProgress(2, 1, 2, VerificationOutcome.Expired, "****4321"), JourneyErrorCodes.WrongAmounts, At, 7, ChallengeExpired: true);

    static readonly ProgressReport Report = new(JourneyId, Progress, JourneyStage.Locked, "cycle 2 expired");

    static readonly Notice Notice = new(JourneyId, NoticeKind.Unlocked, "unlocked-3", At.AddDays(1), 2, "fraud check", Report);

    /// <summary>A sample of every contract type; a type without one fails the tests that need it.</summary>
    public static IReadOnlyDictionary<Type, object> Samples { get; } = new Dictionary<Type, object>
    {
        [typeof(JourneyInput)] = new JourneyInput(JourneyId, JourneyPolicy.Default with { DepositCount = 1 }, new JourneyContinuation(
            new JourneySnapshot(JourneyStage.Cancelled, At.AddDays(2), 2, 1, true, JourneyErrorCodes.CodeExpired, At, 7, 1, 2, VerificationOutcome.Expired, "****4321"),
            ["input-1", "input-2"], "amounts-hmac", DepositReminderSent: true, Notice, new BoundInput("bank-2", "bank-input", "bank-hash"))),
        [typeof(JourneyStage)] = JourneyStage.Cancelled,
        [typeof(JourneyCustomStatus)] = new JourneyCustomStatus(Progress, ["input-1"], new StepFailure(JourneyActivities.Names.SendDeposits, "Azure.RequestFailedException", At, 3)),
        [typeof(PhoneCodeEntered)] = new PhoneCodeEntered(["code-hmac", "code-hmac-previous-key"]) { InputId = "input-1" },
        [typeof(PhoneCodeResendRequested)] = new PhoneCodeResendRequested { InputId = "input-2" },
        [typeof(EmailConfirmed)] = new EmailConfirmed(["token-hmac"]) { InputId = "input-3" },
        [typeof(EmailLinkResendRequested)] = new EmailLinkResendRequested { InputId = "input-4" },
        [typeof(ProfileSubmitted)] = new ProfileSubmitted { InputId = "input-5", Bound = new BoundInput("profile", "profile-input", "profile-hash") },
        [typeof(VerificationRequested)] = new VerificationRequested(2, "****4321") { InputId = "input-6", Bound = new BoundInput("bank-2", "bank-input", "bank-hash") },
        [typeof(DepositAmountsEntered)] = new DepositAmountsEntered(2, ["amounts-hmac"]) { InputId = "input-7" },
        [typeof(JourneyCancelled)] = new JourneyCancelled(ByOperator: true, "fraud check") { InputId = "input-8" },
        [typeof(JourneyUnlocked)] = new JourneyUnlocked { InputId = "input-9" },
        [typeof(ChallengeOrder)] = new ChallengeOrder(JourneyId, 2, TimeSpan.FromMinutes(10), Report),
        [typeof(ProgressReport)] = Report,
        [typeof(DepositOrder)] = new DepositOrder(JourneyId, 2, 2, At, Report, new BoundInput("bank-2", "bank-input", "bank-hash")),
        [typeof(AccountOrder)] = new AccountOrder(Report, new BoundInput("profile", "profile-input", "profile-hash")),
        [typeof(VerificationOrder)] = new VerificationOrder(Report, 2, new BoundInput("bank-2", "bank-input", "bank-hash")),
        [typeof(DepositsMade)] = new DepositsMade("amounts-hmac", "****4321"),
        [typeof(Notice)] = Notice,
        [typeof(JourneyEnd)] = new JourneyEnd(Report, NoticeKind.Unlocked, "fraud check"),
    };

    /// <summary>
    /// The sample of <paramref name="contract"/> as the builds of <paramref name="version"/> wrote it: without
    /// the members version 3 added (optional, and never written when absent).
    /// </summary>
    public static object SampleAsWrittenBy(string version, Type contract)
    {
        Assert.True(Samples.TryGetValue(contract, out object? sample), $"{contract.Name} is stored by journeys: add a sample of it to PersistedContracts.Samples.");
        if (string.CompareOrdinal(version, JourneyVersions.V3) >= 0)
        {
            return sample;
        }

        return sample switch
        {
            ProfileSubmitted profile => profile with { Bound = null },
            VerificationRequested verification => verification with { Bound = null },
            DepositOrder order => order with { Bank = null },
            JourneyInput { Continued: { } continued } input => input with { Continued = continued with { PaidInput = null } },
            _ => sample,
        };
    }

    /// <summary>The contract types a journey of <paramref name="version"/> stores (strings and booleans aside).</summary>
    public static IReadOnlyList<Type> Of(string version)
    {
        Assert.Contains(version, JourneyVersions.Live);
        IEnumerable<Type> activities = JourneyOrchestrator.ActivitiesOf(version).SelectMany(activity => new[] { activity.InputType, activity.OutputType });
        IEnumerable<Type> events = typeof(JourneyInputEvent).Assembly.GetTypes()
            .Where(type => type.IsSealed && typeof(JourneyInputEvent).IsAssignableFrom(type));
        return new[] { typeof(JourneyInput), typeof(JourneyStage), typeof(JourneyCustomStatus) }
            .Concat(events)
            .Concat(activities)
            .Where(type => type != typeof(string) && type != typeof(bool))
            .Distinct()
            .OrderBy(type => type.Name, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Every enum a contract of any live version holds, however deep.</summary>
    public static IReadOnlyList<Type> Enums()
    {
        var found = new HashSet<Type>();
        var seen = new HashSet<Type>();
        void Visit(Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (!seen.Add(type))
            {
                return;
            }

            if (type.IsEnum)
            {
                found.Add(type);
                return;
            }

            if (type.IsArray)
            {
                Visit(type.GetElementType()!);
                return;
            }

            foreach (Type argument in type.IsGenericType ? type.GetGenericArguments() : [])
            {
                Visit(argument);
            }

            if (type.Namespace?.StartsWith("Onboarding", StringComparison.Ordinal) == true)
            {
                foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    Visit(property.PropertyType);
                }
            }
        }

        foreach (Type contract in JourneyVersions.Live.SelectMany(Of))
        {
            Visit(contract);
        }

        return found.OrderBy(type => type.Name, StringComparer.Ordinal).ToArray();
    }
}
