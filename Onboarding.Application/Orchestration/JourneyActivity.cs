namespace Onboarding.Application.Orchestration;

/// <summary>A durable activity as the journey calls it: its wire name bound to its input and output types.</summary>
public sealed record JourneyActivity<TInput, TOutput>(string Name) : IJourneyActivity
{
    public Type InputType => typeof(TInput);

    public Type OutputType => typeof(TOutput);
}

/// <summary>What every <see cref="JourneyActivity{TInput, TOutput}"/> is, for the lists the hosts register.</summary>
public interface IJourneyActivity
{
    string Name { get; }

    Type InputType { get; }

    Type OutputType { get; }
}
