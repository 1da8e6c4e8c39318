import type { AnyComponent } from "preact";
import type { HandlerByMethod, HandlerFn, Middleware, RouteHandler } from "./handlers.ts";
import type { PageProps } from "./context.ts";

/** Identity helpers that give routes, pages and middlewares the app's `State` type. */
export interface Define<State> {
  handlers<Data, H extends RouteHandler<Data, State> = RouteHandler<Data, State>>(handlers: H): H;
  page<
    // deno-lint-ignore no-explicit-any
    Handler extends RouteHandler<any, State> = never,
    Data = [Handler] extends [never] ? undefined
      : Handler extends HandlerFn<infer D, State> ? D
      : Handler extends HandlerByMethod<infer D, State> ? D
      : undefined,
  >(render: AnyComponent<PageProps<Data, State>>): typeof render;
  layout(render: AnyComponent<PageProps<unknown, State>>): typeof render;
  middleware<M extends Middleware<State> | Middleware<State>[]>(middleware: M): M;
}

/** Create the `define` helpers for an app's `State`, as Fresh 2's `createDefine`. */
export function createDefine<State>(): Define<State> {
  return {
    handlers: (handlers) => handlers,
    page: (render) => render,
    layout: (render) => render,
    middleware: (middleware) => middleware,
  };
}
