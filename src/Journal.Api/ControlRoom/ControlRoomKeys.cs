using Journal.Api.Hosting;
using Journal.Api.Http.Auth;
using Journal.ControlRoom.Hosting;

namespace Journal.Api.ControlRoom;

/// <summary>The control room's sign-in checks a key exactly as the API's key scheme does.</summary>
internal sealed class ControlRoomKeys(JournalSettings settings) : IControlRoomKeys
{
    public bool LoginRequired => settings.ApiKeys.Count > 0;

    public KeyHolder? Find(string presentedKey) =>
        ApiKey.Match(settings.ApiKeys, presentedKey) is { } key ? new KeyHolder(key.Name, Policies.RoleName(key.Role)) : null;
}
