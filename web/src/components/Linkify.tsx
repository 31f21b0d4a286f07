import { Anchor } from '@mantine/core';
import { Fragment } from 'react';

const URL_PATTERN = /(https?:\/\/[^\s;,()<>]+[^\s;,()<>.])/g;

/** Plain text with its http(s) addresses turned into links (opened in a new tab). */
export function Linkify({ text }: { text: string }) {
  let offset = 0;
  const parts = text.split(URL_PATTERN).map((part, index) => {
    const at = offset;
    offset += part.length;
    return { at, part, isUrl: index % 2 === 1 };
  });
  return (
    <>
      {parts.map(({ at, part, isUrl }) =>
        isUrl ? (
          <Anchor
            key={at}
            href={part}
            target="_blank"
            rel="noreferrer"
            underline="always"
            style={{ wordBreak: 'break-all' }}
          >
            {part}
          </Anchor>
        ) : (
          <Fragment key={at}>{part}</Fragment>
        ),
      )}
    </>
  );
}
