namespace Onboarding.EventConsumer;

public static class Program
{
    public static async Task Main(string[] args) => await ConsumerApp.Build(args).RunAsync();
}
