namespace Workspace.Server.FunctionalTests.Infrastructure;

/// <summary>Asks again until an answer is as expected (a background worker's effect), failing with the last answer after a bound.</summary>
public static class Poll
{
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting; last: {value}");
            }

            await Task.Delay(100);
        }
    }
}
