using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Limits;
using Onboarding.Application.Operators;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.Domain.Limits;
using Onboarding.Domain.Registration;

namespace Onboarding.Application.Http;

/// <summary>
/// The abuse limits as the routes take them, before anything is started, raised or sent. A refusal
/// is <c>429 too-many-requests</c> naming the limit, counted in the metrics and, for a journey,
/// written to its audit trail (once a minute per limit); what the request had already taken from
/// other rate limits is given back, so a refused request counts toward nothing but the limit that
/// refused it — except a start's count per client, which counts every attempt.
/// </summary>
public sealed class RequestLimits(
    LimitCounters counters,
    LookupKeys keys,
    ClientAddresses clients,
    IOptions<LimitsOptions> limitOptions,
    IOptions<JourneyOptions> journeyOptions,
    JourneyMetrics metrics,
    AuditTrail audit,
    TimeProvider time)
{
    const string Everyone = "all";

    LimitsOptions Limits => limitOptions.Value;

    /// <summary>A start attempt from this client: its address, or each of its IPv6 networks (every attempt counts, refused ones too).</summary>
    public Task TakeStartAttemptAsync(HttpRequest request) => TakeAsync(null, request.HttpContext.RequestAborted, StartAttempt(request));

    /// <summary>An event stream of the journey opened, counted across every instance.</summary>
    public Task TakeStreamOpenAsync(JourneyRecord journey, CancellationToken cancellationToken) =>
        TakeAsync(journey, cancellationToken, (Limits.StreamOpensPerJourney, journey.JourneyId, 1));

    /// <summary>A new journey for this phone number, and its first SMS.</summary>
    public Task TakeNewJourneyAsync(Applicant applicant, CancellationToken cancellationToken) =>
        TakeAsync(null, cancellationToken,
            [(Limits.JourneysPerPhone, keys.Of(LookupPurpose.PhoneNumber, applicant.Phone.E164), 1), .. SmsBudgets(applicant.Phone, 1)]);

    /// <summary>A way back asked for on the start page: an attempt of this client (as a start is) and one for the address.</summary>
    public Task TakeResumeLinkAsync(HttpRequest request, EmailAddress address) =>
        TakeAsync(null, request.HttpContext.RequestAborted,
            [.. StartAttempt(request), (Limits.ResumeLinksPerAddress, keys.Of(LookupPurpose.Email, address.Canonical), 1)]);

    /// <summary>An attempt of this client as the starts count it: its address, or each of its IPv6 networks with its share.</summary>
    (RateLimit, string, int)[] StartAttempt(HttpRequest request)
    {
        RateLimit perClient = Limits.StartsPerClient;
        return [.. clients.CountedAs(request).Select(network =>
            (perClient with { Max = perClient.Max * network.Share }, keys.Of(LookupPurpose.ClientAddress, network.Key), 1))];
    }

    /// <summary>An input to a journey (a request, however often its event is raised).</summary>
    public Task TakeInputAsync(JourneyRecord journey, CancellationToken cancellationToken) =>
        TakeAsync(journey, cancellationToken, (Limits.InputsPerJourney, journey.JourneyId, 1));

    /// <summary>A resend: its rate per journey, and the SMS it sends (<paramref name="sms"/>: a phone code, not an e-mail link).</summary>
    public Task TakeResendAsync(JourneyRecord journey, bool sms, CancellationToken cancellationToken) =>
        TakeAsync(journey, cancellationToken,
            [(Limits.ResendsPerJourney, journey.JourneyId, 1), .. sms ? SmsBudgets(PhoneNumber.FromE164(journey.PhoneNumber), 1) : []]);

    /// <summary>
    /// A deposit cycle to this bank account for this person — counted once per journey and cycle, in the
    /// person's own count and the account's count across all persons —, and the SMS it sends: the
    /// deposits-sent notice and, when one is configured, the reminder. Taken only once the cycle's bank
    /// details were accepted (stored); what it took is handed back for the request to give back if it is refused later.
    /// </summary>
    public async Task<IReadOnlyList<LimitTake.Taken>> TakeDepositCycleAsync(JourneyRecord journey, string accountKey, string personKey, int cycle, CancellationToken cancellationToken)
    {
        string member = MemberOf($"{journey.JourneyId}-{cycle}");
        int sms = journeyOptions.Value.DepositReminderBefore > TimeSpan.Zero ? 2 : 1;
        return await TakeAllAsync(journey, cancellationToken,
            [(Limits.DepositCyclesPerAccount, accountKey, member, GroupOf(personKey))],
            SmsBudgets(PhoneNumber.FromE164(journey.PhoneNumber), sms));
    }

    /// <summary>
    /// A journey for this passport (and nationality), counted once per journey: in the count of the phone
    /// number that proved itself on this journey (what one person may do) and in the passport's count across
    /// all phones. Taken only once the profile was accepted (stored).
    /// </summary>
    public Task<IReadOnlyList<LimitTake.Taken>> TakePassportAsync(JourneyRecord journey, Profile profile, CancellationToken cancellationToken)
    {
        string passport = PersonKey.Of(keys, profile.Nationality, profile.PassportNumber);
        string phone = keys.Of(LookupPurpose.PhoneNumber, journey.PhoneNumber);
        return TakeAllAsync(journey, cancellationToken, [(Limits.JourneysPerPassportNumber, passport, MemberOf(journey.JourneyId), GroupOf(phone))], []);
    }

    /// <summary>Gives back what a request took, once a later check refused it.</summary>
    public async Task GiveBackAsync(IEnumerable<LimitTake.Taken> taken)
    {
        foreach (LimitTake.Taken take in taken)
        {
            await counters.ReturnAsync(take, CancellationToken.None);
        }
    }

    /// <summary>
    /// How a journey (or its cycle) is counted across journeys: a hash of its random id, which names
    /// no journey once it is erased, while the count stays — erasing a journey gives back no limit.
    /// </summary>
    static string MemberOf(string journeyThing) => JourneySecrets.HashToken(journeyThing)[..16];

    /// <summary>How a person (a lookup key) is named in a counter's members: short, and only the counter can tell who.</summary>
    static string GroupOf(string lookupKey) => JourneySecrets.HashToken(lookupKey)[..12];

    /// <summary>The SMS budgets: the destination region's (the number's ISO region, never its calling code) and everyone's.</summary>
    (RateLimit, string, int)[] SmsBudgets(PhoneNumber to, int count) =>
        [(Limits.Destinations().DailyLimit(to.Country), to.Country, count), (Limits.Sms, Everyone, count)];

    /// <summary>Takes from each limit in turn; on a refusal gives back what the earlier ones took, and refuses.</summary>
    Task TakeAsync(JourneyRecord? journey, CancellationToken cancellationToken, params (RateLimit Limit, string Key, int Amount)[] takes) =>
        TakeAllAsync(journey, cancellationToken, [], takes);

    /// <summary>Takes from each distinct limit, then each rate limit; on a refusal gives back what the earlier ones took, and refuses.</summary>
    async Task<IReadOnlyList<LimitTake.Taken>> TakeAllAsync(
        JourneyRecord? journey, CancellationToken cancellationToken, (DistinctLimit Limit, string Key, string Member, string Group)[] distinct, (RateLimit Limit, string Key, int Amount)[] rates)
    {
        var taken = new List<LimitTake.Taken>();
        IEnumerable<Func<Task<LimitTake>>> steps =
        [
            .. distinct.Select(d => (Func<Task<LimitTake>>)(() => counters.TakeAsync(d.Limit, d.Key, d.Member, cancellationToken, d.Group))),
            .. rates.Select(r => (Func<Task<LimitTake>>)(() => counters.TakeAsync(r.Limit, r.Key, r.Amount, cancellationToken))),
        ];
        foreach (Func<Task<LimitTake>> step in steps)
        {
            LimitTake take = await step();
            if (take is LimitTake.Taken done)
            {
                taken.Add(done);
                continue;
            }

            await GiveBackAsync(taken);
            await RefuseUnlessTakenAsync(journey, take);
        }

        return taken;
    }

    async Task RefuseUnlessTakenAsync(JourneyRecord? journey, LimitTake take)
    {
        if (take is not LimitTake.Refused refused)
        {
            return;
        }

        metrics.Refused(refused.Limit);
        if (journey is not null)
        {
            // Operators see which limit the journey met; one entry a minute however often it is met.
            DateTimeOffset now = time.GetUtcNow();
            var minute = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
            await audit.AppendAsync(journey.JourneyId, minute, "limit-" + refused.Limit, AuditEventTypes.LimitReached,
                $"limit {refused.Limit} reached; refused for {Math.Ceiling(refused.RetryAfter.TotalSeconds):0} s", CancellationToken.None);
        }

        throw Problems.TooManyRequests(refused.Limit, DetailOf(refused.Limit), refused.RetryAfter);
    }

    static string DetailOf(string limit) => limit switch
    {
        LimitNames.StartsPerClient => "Too many registrations were started from your network. Try again later.",
        LimitNames.JourneysPerPhone => "Too many registrations were started for this phone number today.",
        LimitNames.SmsPerCountry => "No more text messages can be sent to numbers of this country today.",
        LimitNames.SmsPerHour => "Too many text messages are being sent right now. Try again later.",
        LimitNames.InputsPerJourney => "Too many requests for this registration. Slow down.",
        LimitNames.ResendsPerJourney => "Wait a moment before asking for another message.",
        LimitNames.DepositCyclesPerBankAccount => "This bank account has had as many verification attempts as it may have for now.",
        LimitNames.DepositCyclesPerBankAccountAndPerson => "You have had as many verification attempts with this bank account as you may have for now.",
        LimitNames.JourneysPerPassport => "This passport has been used for as many registrations as it may have for now.",
        LimitNames.JourneysPerPassportAndPhone => "You have used this passport for as many registrations as you may for now.",
        LimitNames.StreamsPerJourney => "This registration's live updates were opened too often. Wait a moment, or read its status instead.",
        LimitNames.ResumeLinksPerAddress => "Links for this e-mail address were asked for often in the last hour. Use the newest one, or try again later.",
        _ => "Too many requests. Try again later.",
    };
}
