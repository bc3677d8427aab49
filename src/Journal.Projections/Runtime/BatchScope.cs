using System.Diagnostics;

namespace Journal.Projections.Runtime;

/// <summary>A started batch span; ending it makes the caller's span current again.</summary>
internal readonly struct BatchScope(Activity? activity, Activity? previous) : IDisposable
{
    /// <summary>Ends the span in error.</summary>
    public void Failed(Exception error)
    {
        if (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, error.Message);
            activity.SetTag("error.type", error.GetType().FullName);
            activity.AddException(error);
        }
    }

    public void Dispose()
    {
        if (activity is not null)
        {
            activity.Dispose();
            Activity.Current = previous;
        }
    }
}
