import { registerEnumType } from 'type-graphql';

/**
 * The four ways a problem clue is disposed of (问题线索处置方式), fixed by the
 * supervision rules. Shared: the discipline subgraph's clues and the inspection
 * subgraph's fast track speak of the same four.
 */
export enum DisposalMethod {
  TALK_LETTER_INQUIRY = 'TALK_LETTER_INQUIRY',
  PRELIMINARY_VERIFICATION = 'PRELIMINARY_VERIFICATION',
  SHELVE = 'SHELVE',
  CLOSE = 'CLOSE',
}

registerEnumType(DisposalMethod, {
  name: 'DisposalMethod',
  description: 'How a problem clue is disposed of (线索处置方式)',
  valuesConfig: {
    TALK_LETTER_INQUIRY: { description: '谈话函询' },
    PRELIMINARY_VERIFICATION: { description: '初步核实' },
    SHELVE: { description: '暂存待查' },
    CLOSE: { description: '予以了结' },
  },
});
