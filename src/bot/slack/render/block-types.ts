import type { types } from '@slack/bolt';

/** Block Kit types, named once so the renderers read plainly. */
export type KnownBlock = types.KnownBlock;
export type ActionsBlock = types.ActionsBlock;
export type Button = types.Button;
export type MrkdwnElement = types.MrkdwnElement;
export type PlainTextElement = types.PlainTextElement;
export type ModalView = types.ModalView;
export type HomeView = types.HomeView;
export type InputBlock = types.InputBlock;
export type PlainTextOption = types.PlainTextOption;
