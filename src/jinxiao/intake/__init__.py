"""Mail in: the mailbox (Maildir or IMAP) -> the content-addressed archive -> MIME parts and
attachments (zips, forwards) -> who sent it (the sender registry and its authentication).

Takes raw messages; gives `RawMessage`, archive paths and `ParsedEmail` with `Attachment`s.
"""
