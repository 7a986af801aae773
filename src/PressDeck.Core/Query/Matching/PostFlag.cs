namespace PressDeck.Core.Query.Matching;

/// <summary>The yes/no facts about a post that <c>is:</c> and <c>has:</c> test, one presearch term and attribute each.</summary>
internal enum PostFlag
{
    Reply,
    Quote,
    Repost,
    Links,
    Media,
    Images,
    Video,
}
